import assert from 'node:assert/strict';
import { z } from 'zod';
import { AppError } from '../../src/common/errors.js';
import { parseOptions } from '../../src/cli/program.js';

function fieldOf(fn: () => unknown): string | number | undefined {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    return error.params.field;
  }
  assert.fail('expected VALIDATION_FAILED');
}

describe('cli option validation', () => {
  const schema = z.strictObject({
    ownerEmail: z.email(),
    maxDevices: z.coerce.number().int().min(1).optional(),
  });

  it('names the flag the user typed, in kebab-case', () => {
    assert.equal(
      fieldOf(() => parseOptions(schema, { ownerEmail: 'nope' })),
      '--owner-email',
    );
    assert.equal(
      fieldOf(() => parseOptions(schema, { ownerEmail: 'a@b.uz', maxDevices: '0' })),
      '--max-devices',
    );
    assert.equal(
      fieldOf(() => parseOptions(schema, { ownerEmail: 'a@b.uz', surprise: true })),
      '--surprise',
    );
  });

  it('names a positional argument as given, and returns parsed values when valid', () => {
    assert.equal(
      fieldOf(() => parseOptions(z.uuid(), 'abc', '<tenantId>')),
      '<tenantId>',
    );
    assert.deepEqual(parseOptions(schema, { ownerEmail: 'a@b.uz', maxDevices: '3' }), {
      ownerEmail: 'a@b.uz',
      maxDevices: 3,
    });
  });

  it('says it in the user’s language', () => {
    const error = (() => {
      try {
        parseOptions(z.uuid(), 'abc', '<tenantId>');
      } catch (e) {
        return e as AppError;
      }
    })();
    assert.match(error!.localized('uz'), /^Ma’lumot noto‘g‘ri: <tenantId> — /);
  });
});
