import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfigDir } from '../../src/cli/config.js';
import { deleteSession, readSession, sessionFile, writeSession } from '../../src/cli/session.js';
import { loadTerminalConfig } from '../../src/terminal/config.js';

describe('where the CLI and the register keep their files', () => {
  it('config dir: flag, then POSAPP_CONFIG_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    const env = { POSAPP_CONFIG_DIR: '/env/posapp', XDG_CONFIG_HOME: '/xdg' };
    assert.equal(resolveConfigDir('/flag', env), '/flag');
    assert.equal(resolveConfigDir(undefined, env), '/env/posapp');
    assert.equal(resolveConfigDir(undefined, { XDG_CONFIG_HOME: '/xdg' }), '/xdg/posapp');
    assert.equal(resolveConfigDir(undefined, {}), join(homedir(), '.config', 'posapp'));
  });

  it('register data dir: flag, then POS_DATA_DIR, then XDG_DATA_HOME, then ~/.local/share', () => {
    const env = { POS_DATA_DIR: '/env/pos', XDG_DATA_HOME: '/xdg' };
    assert.equal(loadTerminalConfig({ dataDir: '/flag' }, env).dataDir, '/flag');
    assert.equal(loadTerminalConfig({}, env).dataDir, '/env/pos');
    assert.equal(loadTerminalConfig({}, { XDG_DATA_HOME: '/xdg' }).dataDir, '/xdg/posapp');
    assert.equal(loadTerminalConfig({}, {}).dataDir, join(homedir(), '.local', 'share', 'posapp'));
  });

  describe('session file', () => {
    let dir: string;
    before(() => {
      dir = join(mkdtempSync(join(tmpdir(), 'posapp-session-')), 'config');
    });
    after(() => {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    });

    it('is written 0600, read back, and deleted on logout', () => {
      const session = {
        server: 'http://127.0.0.1:8080',
        token: 'secret-token',
        user: { id: 'u1', email: 'owner@otabek.uz', role: 'owner' as const, tenantId: 't1' },
      };
      writeSession(dir, session);
      assert.equal(statSync(sessionFile(dir)).mode & 0o777, 0o600);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.deepEqual(readSession(dir), session);
      deleteSession(dir);
      assert.equal(readSession(dir), null);
    });
  });
});
