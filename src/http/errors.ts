import type { MessageCode } from './messages.ts';

/** The closed set of error codes the API answers with, and their HTTP status. */
const STATUS = {
  validation_failed: 400,
  bad_request: 400,
  invalid_json: 400,
  import_failed: 400,
  import_empty: 400,
  import_too_many_rows: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_staff: 403,
  invalid_signature: 403,
  invalid_partner_signature: 403,
  not_found: 404,
  route_not_found: 404,
  tenant_not_found: 404,
  demo_only: 404,
  invite_invalid: 410,
  conflict: 409,
  invalid_transition: 409,
  cart_empty: 409,
  stock_unavailable: 409,
  order_not_payable: 409,
  payment_in_review: 409,
  payment_busy: 409,
  payout_nothing_due: 409,
  job_taken: 409,
  reweigh_pending: 409,
  titip_unrecorded: 409,
  not_market_trip: 409,
  proof_code_locked: 423,
  payload_too_large: 413,
  file_too_large: 413,
  unsupported_image: 415,
  unsupported_media_type: 415,
  import_unreadable: 415,
  account_locked: 423,
  rate_limited: 429,
  code_request_limited: 429,
  code_resend_wait: 429,
  gateway_unavailable: 502,
  database_unavailable: 503,
  internal: 500,
} as const satisfies Partial<Record<MessageCode, number>>;

export type ErrorCode = keyof typeof STATUS;

export interface FieldIssue {
  field: string;
  code: MessageCode;
  params?: Record<string, unknown>;
}

/** An expected failure with a code a person can be told about; mapped to HTTP by one handler. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: FieldIssue[];
  readonly params: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    options: { details?: FieldIssue[]; params?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.details = options.details ?? [];
    this.params = options.params ?? {};
    this.headers = options.headers ?? {};
  }
}

/** A 400 about one field, e.g. `fieldError('phone', 'invalid_phone')`. */
export function fieldError(field: string, code: MessageCode, params?: Record<string, unknown>): AppError {
  return new AppError('validation_failed', { details: [{ field, code, params }] });
}
