import type { Lang } from './i18n/index.js';
import { messageFor } from './i18n/index.js';

/** Stable error codes; the HTTP status of each is fixed here so server and clients agree. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_DEVICE_KEY: 401,
  INVALID_DEVICE_TOKEN: 401,
  DEVICE_LIMIT_REACHED: 402,
  FORBIDDEN: 403,
  DEVICE_REVOKED: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  DEVICE_KEY_USED: 409,
  DEVICE_NAME_TAKEN: 409,
  MAX_DEVICES_BELOW_USED: 409,
  DEVICE_HAS_UNSENT_EVENTS: 409,
  SKU_TAKEN: 409,
  BARCODE_TAKEN: 409,
  UNKNOWN_PRODUCT: 400,
  NOT_A_CASHIER: 409,
  PIN_TAKEN: 409,
  CANNOT_DISABLE_OWNER: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVER_UNREACHABLE: 503,
  // Raised by the CLI and the register, never by the server.
  NOT_LOGGED_IN: 401,
  DEVICE_NOT_FOUND: 404,
  REGISTER_NOT_ACTIVATED: 404,
  REGISTER_HAS_UNSENT_EVENTS: 409,
  REGISTER_HAS_PARKED_SALES: 409,
  BAD_SERVER_RESPONSE: 502,
  // Why `posapp server` could not start (it exits 1 with the message).
  PORT_IN_USE: 503,
  DATABASE_UNREACHABLE: 503,
  SERVER_OLDER_THAN_DATABASE: 503,
  // The register's sale engine (src/terminal/sale) and receipt printing.
  INVALID_QUANTITY: 400,
  INVALID_DISCOUNT: 400,
  INVALID_PAYMENT: 400,
  INVALID_RECEIPT_NUMBER: 400,
  BAD_SCALE_BARCODE: 400,
  DISCOUNT_OVER_LIMIT: 403,
  LINE_NOT_FOUND: 404,
  UNKNOWN_BARCODE: 404,
  REFUND_OVER_SOLD: 409,
  EMPTY_CART: 422,
  UNDERPAID: 422,
  OVERPAID: 422,
  PRINTER_UNREACHABLE: 503,
  // The register's cashier flow.
  WRONG_PIN: 401,
  NOT_LOGGED_IN_AT_REGISTER: 401,
  NO_CASHIERS: 409,
  SHIFT_NOT_OPEN: 409,
  SHIFT_ALREADY_OPEN: 409,
  SALE_NOT_FOUND: 404,
  PARKED_SALE_NOT_FOUND: 404,
  PARKED_SALES_WAITING: 409,
  REGISTER_REVOKED: 403,
  REGISTER_UPDATE_REQUIRED: 426,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in errorStatus;
}

export type ErrorParams = Record<string, string | number>;

/** The one error type of POSAPP: a stable code, its HTTP status, and parameters for the message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: ErrorParams;
  readonly details?: unknown;

  constructor(
    code: ErrorCode,
    options: { params?: ErrorParams; details?: unknown; cause?: unknown; message?: string } = {},
  ) {
    super(options.message ?? messageFor('en', code, options.params), { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.params = options.params ?? {};
    this.details = options.details;
  }

  localized(lang: Lang): string {
    return messageFor(lang, this.code, this.params);
  }
}
