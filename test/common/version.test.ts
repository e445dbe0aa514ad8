import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { APP_VERSION, compareVersions, DEFAULT_MIN_REGISTER_VERSION } from '../../src/common/version.js';

describe('app version', function () {
  it('is the version package.json declares, so a register reports what was installed', function () {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    assert.equal(APP_VERSION, pkg.version);
  });

  it('serves itself by default: the default minimum is not newer than this version', function () {
    assert.ok(compareVersions(DEFAULT_MIN_REGISTER_VERSION, APP_VERSION) <= 0);
  });

  it('compares versions part by part as numbers', function () {
    assert.ok(compareVersions('0.10.0', '0.9.9') > 0);
    assert.ok(compareVersions('1.2.3', '1.2.4') < 0);
    assert.equal(compareVersions('2.0.0', '2.0.0-beta.1'), 0);
  });
});
