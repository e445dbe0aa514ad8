import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerConfig, parseTrustProxy } from '../../src/server/config.js';

describe('server config', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'posapp-config-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates a JWT secret on first start, keeps it private, and reuses it', () => {
    const first = loadServerConfig({ dataDir: dir }, {});
    assert.ok(first.jwtSecret.length >= 32);
    const file = join(dir, 'jwt-secret');
    assert.equal(readFileSync(file, 'utf8').trim(), first.jwtSecret);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const second = loadServerConfig({ dataDir: dir }, {});
    assert.equal(second.jwtSecret, first.jwtSecret);
  });

  it('takes JWT_SECRET and DATABASE_URL from the environment and writes no secret file', () => {
    const config = loadServerConfig(
      { dataDir: dir },
      { JWT_SECRET: 'x'.repeat(40), DATABASE_URL: 'mysql://u:p@db:3306/pos' },
    );
    assert.equal(config.jwtSecret, 'x'.repeat(40));
    assert.equal(config.dbUrl, 'mysql://u:p@db:3306/pos');
    assert.throws(() => statSync(join(dir, 'jwt-secret')));
  });

  it('defaults to an SQLite file in the data directory and refuses a short JWT_SECRET', () => {
    assert.equal(loadServerConfig({ dataDir: dir }, {}).dbUrl, `sqlite:${join(dir, 'posapp.sqlite')}`);
    assert.throws(() => loadServerConfig({ dataDir: dir }, { JWT_SECRET: 'short' }), /JWT_SECRET/);
  });

  it('hashes new passwords at scrypt cost 17 unless PASSWORD_HASH_COST names another between 10 and 20', () => {
    assert.equal(loadServerConfig({ dataDir: dir }, {}).passwordHashCost, 17);
    assert.equal(loadServerConfig({ dataDir: dir }, { PASSWORD_HASH_COST: '12' }).passwordHashCost, 12);
    assert.throws(
      () => loadServerConfig({ dataDir: dir }, { PASSWORD_HASH_COST: '8' }),
      /PASSWORD_HASH_COST must be between 10 and 20/,
    );
  });

  it('is frozen', () => {
    const config = loadServerConfig({ dataDir: dir, port: 9000 }, {});
    assert.equal(config.port, 9000);
    assert.ok(Object.isFrozen(config));
  });
});

describe('TRUST_PROXY', function () {
  it('takes a hop count, reads true as one hop, and false or 0 as no proxy', () => {
    assert.equal(parseTrustProxy('1'), 1);
    assert.equal(parseTrustProxy('2'), 2);
    assert.equal(parseTrustProxy('true'), 1);
    assert.equal(parseTrustProxy('false'), false);
    assert.equal(parseTrustProxy('0'), false);
    assert.equal(parseTrustProxy(undefined), false);
  });

  it('takes a list of proxy addresses and subnets, and refuses anything else', () => {
    assert.deepEqual(parseTrustProxy('10.0.0.5, 192.168.0.0/16,loopback,::1'), [
      '10.0.0.5',
      '192.168.0.0/16',
      'loopback',
      '::1',
    ]);
    assert.throws(() => parseTrustProxy('nginx'), /TRUST_PROXY: "nginx"/);
    assert.throws(() => parseTrustProxy('10.0.0.0/40'), /TRUST_PROXY/);
  });
});
