import assert from 'node:assert/strict';
import { AppError } from '../../src/common/errors.js';
import { ServerError } from '../../src/common/http.js';
import { describeError, EXIT_EXPECTED, EXIT_UNEXPECTED } from '../../src/cli/output.js';

const LIMIT_UZ = 'Kassa limiti tugadi. Qo‘shimcha kassa sotib oling.';
const human = { lang: 'uz', debug: false, json: false } as const;

describe('cli output: errors to messages and exit codes', () => {
  it('shows a server error exactly as the server worded it, exit 1, no stack', () => {
    const report = describeError(new ServerError('DEVICE_LIMIT_REACHED', LIMIT_UZ, 402), {
      ...human,
      lang: 'en',
    });
    assert.deepEqual(report, { exitCode: EXIT_EXPECTED, stderr: LIMIT_UZ });
  });

  it('localizes errors raised by the CLI itself', () => {
    const error = new AppError('SERVER_UNREACHABLE', { params: { url: 'http://10.0.0.5:8080' } });
    assert.equal(describeError(error, human).stderr, 'Serverga ulanib bo‘lmadi: http://10.0.0.5:8080');
    assert.equal(
      describeError(error, { ...human, lang: 'ru' }).stderr,
      'Сервер недоступен: http://10.0.0.5:8080',
    );
    assert.equal(describeError(error, human).exitCode, EXIT_EXPECTED);
  });

  it('tells the user to rerun with --debug on a bug, exit 2, and shows the stack only with --debug', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'name')");
    const plain = describeError(bug, { ...human, lang: 'en' });
    assert.equal(plain.exitCode, EXIT_UNEXPECTED);
    assert.match(plain.stderr, /^Unexpected error: Cannot read properties.*Run again with --debug/);
    assert.doesNotMatch(plain.stderr, /\n\s+at /);
    const debug = describeError(bug, { ...human, debug: true });
    assert.match(debug.stderr, /--debug/);
    assert.match(debug.stderr, /TypeError: Cannot read properties[\s\S]*\n\s+at /);
  });

  it('with --debug follows the cause chain of an expected error', () => {
    const error = new AppError('SERVER_UNREACHABLE', {
      params: { url: 'http://x' },
      cause: new Error('connect ECONNREFUSED 127.0.0.1:1'),
    });
    assert.match(
      describeError(error, { ...human, debug: true }).stderr,
      /Caused by: Error: connect ECONNREFUSED/,
    );
  });

  it('with --json also gives scripts the error body, keeping a server code this client does not know', () => {
    const report = describeError(new ServerError('SOMETHING_NEW', 'Yangi xato.', 409), {
      ...human,
      json: true,
    });
    assert.deepEqual(JSON.parse(report.stdout!), {
      error: { code: 'SOMETHING_NEW', message: 'Yangi xato.' },
    });
    assert.equal(report.stderr, 'Yangi xato.');
    const local = describeError(new AppError('NOT_LOGGED_IN'), { ...human, json: true });
    assert.equal(JSON.parse(local.stdout!).error.code, 'NOT_LOGGED_IN');
  });
});
