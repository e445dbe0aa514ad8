import type { Lang } from './i18n/index.js';
import { messageFor } from './i18n/index.js';
import { fieldLabel, reasonText } from './validation-text.js';

/**
 * The API's error codes, the contract of DESIGN.md: each with the HTTP status the server answers it with, mapped in
 * one place (server/http/error-handler.ts). Clients may raise these too, with the same meaning.
 */
export const apiErrorStatus = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNKNOWN_PRODUCT: 400,
  PRODUCT_INACTIVE: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_DEVICE_KEY: 401,
  INVALID_DEVICE_TOKEN: 401,
  DEVICE_LIMIT_REACHED: 402,
  FORBIDDEN: 403,
  DEVICE_REVOKED: 403,
  NOT_FOUND: 404,
  RECEIPT_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  DEVICE_KEY_USED: 409,
  DEVICE_NAME_TAKEN: 409,
  MAX_DEVICES_BELOW_USED: 409,
  DEVICE_HAS_UNSENT_EVENTS: 409,
  UNSENT_FILE_FOREIGN: 403,
  SKU_TAKEN: 409,
  BARCODE_TAKEN: 409,
  NOT_A_CASHIER: 409,
  PIN_TAKEN: 409,
  CANNOT_DISABLE_OWNER: 409,
  RECEIPT_AMBIGUOUS: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

/**
 * Codes raised on this machine and never sent by the server, so they have no HTTP status: the CLI prints their
 * message and exits 1, the register shows it. A register older than the server's minimum learns it from a 200 pull
 * answer (`minRegisterVersion`), so REGISTER_UPDATE_REQUIRED is the register's own conclusion, not a server answer.
 */
export const localErrorCodes = [
  // A client's view of the server (CLI, register, panel).
  'SERVER_UNREACHABLE',
  'BAD_SERVER_RESPONSE',
  // The CLI and the register's set-up.
  'NOT_LOGGED_IN',
  'DEVICE_NOT_FOUND',
  'REGISTER_NOT_ACTIVATED',
  'REGISTER_HAS_UNSENT_EVENTS',
  'UNSENT_FILE_INVALID',
  'REGISTER_HAS_PARKED_SALES',
  // Why `posapp server` could not start (it exits 1 with the message).
  'PORT_IN_USE',
  'DATABASE_UNREACHABLE',
  'SERVER_OLDER_THAN_DATABASE',
  // The register's sale engine (src/terminal/sale) and receipt printing.
  'INVALID_QUANTITY',
  'INVALID_DISCOUNT',
  'INVALID_PAYMENT',
  'INVALID_RECEIPT_NUMBER',
  'BAD_SCALE_BARCODE',
  'DISCOUNT_OVER_LIMIT',
  'LINE_NOT_FOUND',
  'UNKNOWN_BARCODE',
  'FISCAL_DATA_MISSING',
  'WEIGHT_REQUIRED',
  'REFUND_OVER_SOLD',
  'QUANTITY_TOO_LARGE',
  'PRICE_TOO_LARGE',
  'LINE_TOTAL_TOO_LARGE',
  'SALE_TOTAL_TOO_LARGE',
  'SALE_TOO_MANY_LINES',
  'EMPTY_CART',
  'UNDERPAID',
  'NOT_ENOUGH_CASH',
  'OVERPAID',
  'PRINTER_UNREACHABLE',
  // The register's cashier flow and sync.
  'WRONG_PIN',
  'PIN_LOCKED',
  'APPROVAL_REFUSED',
  'APPROVAL_REQUIRED',
  'NOT_LOGGED_IN_AT_REGISTER',
  'NO_CASHIERS',
  'SHIFT_NOT_OPEN',
  'SHIFT_ALREADY_OPEN',
  'SALE_NOT_FOUND',
  'SALE_NOT_KEPT',
  'SALE_NOT_KEPT_OFFLINE',
  'SALE_ON_OTHER_REGISTER_OFFLINE',
  'PARKED_SALE_NOT_FOUND',
  'PARKED_SALES_WAITING',
  'SALE_IN_PROGRESS',
  'NO_PARKED_SALES',
  'REGISTER_REVOKED',
  'REGISTER_UPDATE_REQUIRED',
  // The register's fiscal module (src/terminal/fiscal): refused before sending, or by the FM.
  'FISCAL_NOT_CONFIGURED',
  'FISCAL_MXIK_INVALID',
  'FISCAL_PACKAGE_CODE_MISSING',
  'FISCAL_MARKING_CODE_MISSING',
  'FISCAL_MARKING_CODE_INVALID',
  'FISCAL_SUM_RULE',
  'FISCAL_SHIFT_NOT_OPEN',
  'FISCAL_CLOCK_BEHIND',
  'FISCAL_UNREACHABLE',
  'FISCAL_NO_ANSWER',
  'FISCAL_LOCKED',
  'FISCAL_UNSENT_LIMIT',
  'FISCAL_MEMORY_FULL',
  'FISCAL_REFUND_OVER_SALES',
  'FISCAL_ORIGINAL_NOT_FISCALISED',
  'FISCAL_REFUND_OTHER_FM',
  'FISCAL_REFUND_MARKING_UNKNOWN',
  'FISCAL_REFUSED',
] as const;

export type ApiErrorCode = keyof typeof apiErrorStatus;
export type LocalErrorCode = (typeof localErrorCodes)[number];
/** Every code an AppError can carry: the API's and this machine's. */
export type ErrorCode = ApiErrorCode | LocalErrorCode;

export const errorCodes: readonly ErrorCode[] = [
  ...(Object.keys(apiErrorStatus) as ApiErrorCode[]),
  ...localErrorCodes,
];

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(apiErrorStatus, value);
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return isApiErrorCode(value) || (localErrorCodes as readonly unknown[]).includes(value);
}

/** The HTTP status of an API code; a local code has none, so it does not type-check here. */
export function httpStatusOf(code: ApiErrorCode): number {
  return apiErrorStatus[code];
}

export type ErrorParams = Record<string, string | number>;

/** The one error type of POSAPP: a stable code (an API or a local one) and parameters for the message. */
export class AppError extends Error {
  readonly code: ErrorCode;
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
