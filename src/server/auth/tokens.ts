import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError } from '../../common/errors.js';
import type { Role } from '../../common/protocol/auth.js';

export interface UserClaims {
  typ: 'user';
  sub: string;
  sid: string;
  tid: string | null;
  role: Role;
}

export interface DeviceClaims {
  typ: 'device';
  sub: string;
  tid: string;
  store: string;
  ver: number;
}

const ISSUER = 'posapp';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signUserToken(
  secret: string,
  claims: Omit<UserClaims, 'typ'>,
  expiresAtMs: number,
): Promise<string> {
  return new SignJWT({ typ: 'user', sid: claims.sid, tid: claims.tid, role: claims.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAtMs / 1000))
    .sign(key(secret));
}

/** Device tokens do not expire: a register may be offline for weeks. Revocation works through `ver`. */
export async function signDeviceToken(secret: string, claims: Omit<DeviceClaims, 'typ'>): Promise<string> {
  return new SignJWT({ typ: 'device', tid: claims.tid, store: claims.store, ver: claims.ver })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .sign(key(secret));
}

export async function verifyToken(secret: string, token: string): Promise<UserClaims | DeviceClaims> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'] });
    if (payload.typ === 'user' || payload.typ === 'device')
      return payload as unknown as UserClaims | DeviceClaims;
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new AppError('SESSION_EXPIRED');
  }
  throw new AppError('UNAUTHENTICATED');
}
