import { getLang, translate } from './i18n';

// ---- Response shapes (camelCase JSON from the Fastify server) ----

export const roles = [
  'buyer',
  'seller',
  'courier',
  'cs_agent',
  'program_admin',
  'procurement_officer',
  'commitment_officer',
  'treasurer',
  'platform_admin',
] as const;
export type Role = (typeof roles)[number];

export type User = { id: string; name: string; phone: string };
export type Session = { user: User | null; roles: Role[] };
export type SignInResult = { user: User; roles: Role[] };

export const marketKinds = ['traditional_market', 'umkm_hub', 'showroom', 'warehouse'] as const;
export type MarketKind = (typeof marketKinds)[number];
export type Market = {
  id: string;
  name: string;
  kind: MarketKind | string; // a newer server may know more kinds
  address: string;
  areaCode: string;
  lat: number | null;
  lng: number | null;
  hours: string;
  /** ISO weekdays the market trades ('1234567' = daily) and the 'HH:MM' order cut-off. */
  marketDays: string;
  orderCutoff: string | null;
  active: boolean;
};
export type Program = {
  id: string;
  slug: string;
  name: string;
  description: string;
  whatsappPhone: string | null;
  /** Whether checkout offers "titip belanja" lines on a market trip, and the most one line may cost. */
  titipEnabled: boolean;
  titipMaxCap: number;
};
export type TenantInfo = {
  tenant: { slug: string; name: string; areaCode: string; timeZone: string };
  demo: boolean;
  programs: Program[];
  markets: Market[];
};

export type CodeRequestResult = { phone: string; expiresInSeconds: number; resendAfterSeconds: number };
export type InboxMessage = { id: string; phone: string; body: string; createdAt: string };
export type Invite = { tenant: { name: string }; role: Role; phone: string | null; expiresAt: string };

// ---- Errors ----

export type FieldError = { field: string; code: string; message: string };

/** Any failed request. status 0 means the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldError[];

  constructor(status: number, code: string, message: string, details: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Message for one request field, for showing under the matching input. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((d) => d.field === field)?.message;
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status);

// ---- Requests ----

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The error a failed response carries, with the server's translated message and field details. */
export async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const error = (body as { error?: Partial<{ code: string; message: string; details: FieldError[] }> } | null)?.error;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message || translate('error.generic'),
    Array.isArray(error?.details) ? error.details : [],
  );
}

/** What every API call sends: JSON, the UI language and, for writes, the CSRF token. */
export function requestHeaders(method: string, jsonBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() };
  if (jsonBody) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    // Double-submit CSRF token: the server sets lp_csrf readable by JS.
    // Before the first sign-in there may be none; the server decides.
    const csrf = readCookie('lp_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  return headers;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  // A FormData body (file upload) sets its own multipart Content-Type with the boundary.
  const isForm = body instanceof FormData;
  const headers = requestHeaders(method, body !== undefined && !isForm);

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', translate('error.network'));
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
};

/**
 * POST a form (a photo) and report how much of it is sent, 0 to 1: fetch cannot tell
 * upload progress, and on slow mobile data a photo takes long enough to need it.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', getLang());
    const csrf = readCookie('lp_csrf');
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else void toApiError(new Response(xhr.responseText, { status: xhr.status })).then(reject);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', translate('error.network')));
    xhr.send(form);
  });
}

// ---- Orders and payments: the server's zod schemas are the one definition of these shapes ----

export type { CartView, OrderSummary, OrderView, SellerFulfilmentView as SellerFulfilment } from '../../src/modules/orders/schemas';
export type {
  DeskPaymentView as DeskPayment,
  DeskRefundView as DeskRefund,
  PaymentView,
  PayoutRunSummary,
  PayoutRunView as PayoutRun,
  ProgramPaymentSettings as PaymentSettings,
  RefundView,
} from '../../src/modules/payments/schemas';

import type { OrderView, SellerFulfilmentView } from '../../src/modules/orders/schemas';

export const orderStatuses = [
  'awaiting_payment',
  'confirmed',
  'accepted',
  'ready',
  'delivered',
  'completed',
  'cancelled',
  'expired',
  'rejected',
] as const satisfies readonly OrderView['status'][];
export type OrderStatus = (typeof orderStatuses)[number];
export const fulfilmentMethods = ['delivery', 'pickup', 'seller_shipping'] as const satisfies readonly OrderFulfilment['method'][];
export type FulfilmentMethod = (typeof fulfilmentMethods)[number];
export const fulfilmentStatuses = [
  'pending',
  'accepted',
  'rejected',
  'ready',
  'delivered',
] as const satisfies readonly OrderFulfilment['status'][];
export type FulfilmentStatus = (typeof fulfilmentStatuses)[number];
export const paymentMethods = ['transfer', 'qris', 'gateway', 'cod'] as const satisfies readonly NonNullable<
  OrderView['payment']
>['method'][];
export type PaymentMethod = (typeof paymentMethods)[number];
export const paymentStatuses = ['pending', 'submitted', 'paid', 'failed', 'cancelled'] as const satisfies readonly NonNullable<
  OrderView['payment']
>['status'][];
export type PaymentStatus = (typeof paymentStatuses)[number];

/** Quantities in thousandths of the unit (250 = 0,25 kg); money in whole rupiah. */
export type OrderLine = SellerFulfilmentView['lines'][number];
export type OrderFulfilment = OrderView['fulfilments'][number];

// ---- Delivery: couriers, their jobs and their day ----

export type {
  CourierRecap,
  CourierView as Courier,
  DeliveryQuoteView as DeliveryQuote,
  JobView as Job,
  ProgramDeliverySettings,
} from '../../src/modules/delivery/schemas';
export type { DeliveryTariff } from '../../src/modules/delivery/tariff';

import type { ProgramDeliverySettings } from '../../src/modules/delivery/schemas';
/** The delivery partner adapters a program may choose (the server checks the list). */
export const deliveryPartners = ['simulated'] as const satisfies readonly NonNullable<ProgramDeliverySettings['deliveryPartner']>[];

import type { JobView } from '../../src/modules/delivery/schemas';
export const jobStatuses = [
  'waiting',
  'offered',
  'accepted',
  'shopping',
  'picked_up',
  'delivering',
  'delivered',
  'failed',
  'returned',
  'cancelled',
] as const satisfies readonly JobView['status'][];
export type JobStatus = (typeof jobStatuses)[number];
