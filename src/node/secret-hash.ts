/** Salted scrypt for passwords (server) and cashier PINs (made on the server, checked offline on registers). */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const KEY_LENGTH = 32;

function options(cost: number, r: number, p: number): ScryptOptions {
  // Node's default maxmem (32 MiB) is below what N=2^17, r=8 needs (128 MiB); allow twice the need.
  return { N: 2 ** cost, r, p, maxmem: 256 * 2 ** cost * r + 64 * 1024 * 1024 };
}

/** `scrypt$<log2N>$<r>$<p>$<salt>$<hash>`: the cost travels with the hash, so it can be raised later. */
export async function hashSecret(secret: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH, options(cost, 8, 1));
  return ['scrypt', cost, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, cost, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !cost || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(
    secret,
    Buffer.from(salt, 'base64url'),
    expected.length,
    options(Number(cost), Number(r), Number(p)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check when the account does not exist, so timing does not reveal emails. */
export async function verifyAgainstDummy(secret: string, cost: number): Promise<false> {
  dummyHash ??= hashSecret('posapp-dummy-password', cost);
  await verifySecret(secret, await dummyHash);
  return false;
}
