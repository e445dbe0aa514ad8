import type { uz } from './uz.js';

export const en: Record<keyof typeof uz, string> = {
  VALIDATION_FAILED: 'Invalid data: {field} — {reason}',
  MALFORMED_JSON: 'The request body is not valid JSON.',
  UNAUTHENTICATED: 'Log in first.',
  SESSION_EXPIRED: 'Your session has expired. Log in again.',
  INVALID_CREDENTIALS: 'Wrong email or password.',
  INVALID_DEVICE_KEY: 'Invalid register key.',
  INVALID_DEVICE_TOKEN: 'The register token is not valid. Activate the register again.',
  DEVICE_LIMIT_REACHED: 'Register limit reached. Buy an additional register.',
  FORBIDDEN: 'You are not allowed to do this.',
  DEVICE_REVOKED: 'This register has been revoked.',
  NOT_FOUND: 'Not found.',
  EMAIL_TAKEN: 'This email is already registered.',
  DEVICE_KEY_USED: 'This register key has already been used.',
  DEVICE_NAME_TAKEN: 'A register with this name already exists.',
  MAX_DEVICES_BELOW_USED: '{used} registers are in use; the limit cannot be lower.',
  DEVICE_HAS_UNSENT_EVENTS: 'The register still holds {count} unsent events. Sync it first or use --force.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
  RATE_LIMITED: 'Too many attempts. Try again later.',
  INTERNAL: 'Internal server error.',
  SERVER_UNREACHABLE: 'Cannot reach the server: {url}',
  NOT_LOGGED_IN: 'Log in first: posapp login --server <url> --email <email>',
  DEVICE_NOT_FOUND: 'No register with the name or id “{device}”.',
  REGISTER_NOT_ACTIVATED:
    'No activated register in this data directory: {dataDir}. Run pos-activate <key> --server <url> first.',
  REGISTER_HAS_UNSENT_EVENTS:
    'The register in {dataDir} still holds {count} unsent events. Sync it first or choose another data directory.',
  BAD_SERVER_RESPONSE: 'The server gave an unexpected answer ({status}): {url}',
};
