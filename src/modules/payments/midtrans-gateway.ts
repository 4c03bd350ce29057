// The Midtrans Snap adapter, and the one place that picks the gateway an installation uses.
import type { Config } from '../../config.ts';
import { demoGateway } from './demo-gateway.ts';
import type { ChargeRequest, PaymentGateway } from './gateway.ts';

/** Snap checkout through the Snap API: https://docs.midtrans.com/reference/backend-integration */
export function midtransGateway(options: { serverKey: string; snapUrl: string; timeoutMs?: number }): PaymentGateway {
  // Basic auth with the server key as the user name and no password.
  const authorization = `Basic ${Buffer.from(`${options.serverKey}:`).toString('base64')}`;
  return {
    name: 'midtrans',
    serverKey: options.serverKey,
    async createCharge(request: ChargeRequest) {
      const response = await fetch(options.snapUrl, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization },
        body: JSON.stringify(snapTransaction(request, new Date())),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body = (await response.json().catch(() => ({}))) as { token?: unknown; redirect_url?: unknown; error_messages?: unknown };
      if (!response.ok) {
        const messages = Array.isArray(body.error_messages) ? body.error_messages.join('; ') : response.statusText;
        throw new Error(`Midtrans Snap answered ${response.status}: ${messages}`);
      }
      if (typeof body.token !== 'string' || typeof body.redirect_url !== 'string') {
        throw new Error(`Midtrans Snap answered ${response.status} without a token and redirect_url`);
      }
      return { redirectUrl: body.redirect_url, reference: body.token };
    },
  };
}

/** The Snap request body: IDR amounts are whole rupiah, so the conversion is a plain number. */
function snapTransaction(request: ChargeRequest, now: Date) {
  // Rounded down, so Snap stops taking money before the order stops waiting for it.
  const minutes = Math.max(1, Math.floor((request.expiresAt.getTime() - now.getTime()) / 60_000));
  return {
    transaction_details: { order_id: request.paymentId, gross_amount: Number(request.amount) },
    customer_details: { first_name: request.buyer.name || undefined, phone: request.buyer.phone || undefined },
    expiry: { unit: 'minutes', duration: minutes },
  };
}

/** Midtrans when its server key is set; else the demo gateway in demo mode; else none (the method is unavailable). */
export function configuredGateway(config: Pick<Config, 'demo' | 'midtransServerKey' | 'midtransSnapUrl'>): PaymentGateway | null {
  if (config.midtransServerKey) return midtransGateway({ serverKey: config.midtransServerKey, snapUrl: config.midtransSnapUrl });
  return config.demo ? demoGateway() : null;
}
