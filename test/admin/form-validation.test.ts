import assert from 'node:assert/strict';
import { createUserBody, resetPinBody } from '../../src/common/protocol/users.js';
import { validateWith } from '../../src/admin/form-validation.js';

interface PersonForm {
  role: 'cashier' | 'admin';
  name: string;
  pin: string;
  email: string;
  password: string;
}

// What the People form sends: only the chosen role's fields, as the server's strict schema wants.
const toBody = (v: PersonForm) =>
  v.role === 'cashier'
    ? { role: v.role, name: v.name, pin: v.pin }
    : { role: v.role, name: v.name, email: v.email, password: v.password };

const fields = {
  name: 'Ismni kiriting',
  pin: '4–8 ta raqam',
  email: 'Email noto‘g‘ri',
  password: '8+ belgi',
};
const validate = validateWith<PersonForm>(createUserBody, 'Qiymat noto‘g‘ri', { body: toBody, fields });
const blank: PersonForm = { role: 'cashier', name: '', pin: '', email: '', password: '' };

describe('admin form validation from the protocol schemas', function () {
  it('puts each field’s own note next to it, only for the chosen role', function () {
    assert.deepEqual(validate(blank), { name: 'Ismni kiriting', pin: '4–8 ta raqam' });
    assert.deepEqual(validate({ ...blank, role: 'admin', name: 'Aziz', email: 'aziz@', password: 'short' }), {
      email: 'Email noto‘g‘ri',
      password: '8+ belgi',
    });
  });

  it('accepts what the server accepts, ignoring the other role’s leftovers', function () {
    assert.deepEqual(validate({ ...blank, name: 'Aziz', pin: '5678', email: 'left@over' }), {});
    assert.deepEqual(
      validate({ ...blank, role: 'admin', name: 'Aziz', email: 'aziz@shop.uz', password: 'admin-pass-1' }),
      {},
    );
  });

  it('falls back to the general note, and keeps the old two-argument form', function () {
    const pin = validateWith<{ pin: string }>(resetPinBody, 'Qiymat noto‘g‘ri');
    assert.deepEqual(pin({ pin: '12a4' }), { pin: 'Qiymat noto‘g‘ri' });
    assert.deepEqual(pin({ pin: '123456789' }), { pin: 'Qiymat noto‘g‘ri' });
    assert.deepEqual(pin({ pin: '0042' }), {});
  });
});
