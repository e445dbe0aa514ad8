import type { Lang } from './i18n/index.js';
import { messageFor } from './i18n/index.js';
import { fieldLabel, reasonText } from './validation-text.js';

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
  UNSENT_FILE_FOREIGN: 403,
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
  UNSENT_FILE_INVALID: 400,
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
  FISCAL_DATA_MISSING: 422,
  WEIGHT_REQUIRED: 422,
  REFUND_OVER_SOLD: 409,
  QUANTITY_TOO_LARGE: 422,
  PRICE_TOO_LARGE: 422,
  LINE_TOTAL_TOO_LARGE: 422,
  SALE_TOTAL_TOO_LARGE: 422,
  SALE_TOO_MANY_LINES: 422,
  EMPTY_CART: 422,
  UNDERPAID: 422,
  NOT_ENOUGH_CASH: 409,
  OVERPAID: 422,
  PRINTER_UNREACHABLE: 503,
  // The register's cashier flow.
  WRONG_PIN: 401,
  PIN_LOCKED: 423,
  APPROVAL_REFUSED: 403,
  NOT_LOGGED_IN_AT_REGISTER: 401,
  NO_CASHIERS: 409,
  SHIFT_NOT_OPEN: 409,
  SHIFT_ALREADY_OPEN: 409,
  SALE_NOT_FOUND: 404,
  PARKED_SALE_NOT_FOUND: 404,
  PARKED_SALES_WAITING: 409,
  SALE_IN_PROGRESS: 409,
  NO_PARKED_SALES: 404,
  REGISTER_REVOKED: 403,
  REGISTER_UPDATE_REQUIRED: 426,
  // The register's fiscal module (src/terminal/fiscal): refused before sending, or by the FM.
  FISCAL_NOT_CONFIGURED: 409,
  FISCAL_MXIK_INVALID: 422,
  FISCAL_PACKAGE_CODE_MISSING: 422,
  FISCAL_MARKING_CODE_MISSING: 422,
  FISCAL_MARKING_CODE_INVALID: 422,
  FISCAL_SUM_RULE: 422,
  FISCAL_SHIFT_NOT_OPEN: 409,
  FISCAL_CLOCK_BEHIND: 409,
  FISCAL_UNREACHABLE: 503,
  FISCAL_NO_ANSWER: 504,
  FISCAL_LOCKED: 423,
  FISCAL_UNSENT_LIMIT: 423,
  FISCAL_MEMORY_FULL: 507,
  FISCAL_REFUND_OVER_SALES: 409,
  FISCAL_ORIGINAL_NOT_FISCALISED: 409,
  FISCAL_REFUSED: 409,
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
  /** Parameters that depend on the language (a validation reason, a field label), made when the message is. */
  readonly localize?: (lang: Lang) => ErrorParams;

  constructor(
    code: ErrorCode,
    options: {
      params?: ErrorParams;
      localize?: (lang: Lang) => ErrorParams;
      details?: unknown;
      cause?: unknown;
      message?: string;
    } = {},
  ) {
    super(options.message ?? messageFor('en', code, { ...options.params, ...options.localize?.('en') }), {
      cause: options.cause,
    });
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.params = options.params ?? {};
    this.details = options.details;
    this.localize = options.localize;
  }

  localized(lang: Lang): string {
    return messageFor(lang, this.code, { ...this.wordsOf(lang), ...this.localize?.(lang) });
  }

  /** Errors raised by hand name an API field and an English reason: both said in `lang` here. */
  private wordsOf(lang: Lang): ErrorParams {
    const { field, reason } = this.params;
    return {
      ...this.params,
      ...(this.code === 'VALIDATION_FAILED' &&
        typeof field === 'string' &&
        !field.startsWith('-') &&
        !field.startsWith('<') && {
          field: fieldLabel(field, lang),
        }),
      ...(typeof reason === 'string' && { reason: reasonText(reason, lang) }),
    };
  }
}
