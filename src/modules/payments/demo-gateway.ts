// The demo gateway, for trying the gateway flow without a Midtrans account (demo mode only).
// Its checkout page lets the buyer succeed or fail; the server then signs a Midtrans-format
// notification and hands it to the same code as real notifications.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { formatRupiah } from '../../shared/format.ts';
import type { PaymentGateway } from './gateway.ts';
import { type MidtransNotification, midtransSignature } from './midtrans.ts';
import { receiveMidtransNotification } from './notifications.ts';

export interface DemoGateway extends PaymentGateway {
  demo: true;
}

export function demoGateway(): DemoGateway {
  return {
    name: 'midtrans',
    demo: true,
    // A fresh key per start: nobody can sign a notification the webhook would accept.
    serverKey: `SB-Mid-server-demo-${randomBytes(24).toString('base64url')}`,
    async createCharge(request) {
      return { redirectUrl: `/api/dev/gateway/${request.paymentId}`, reference: null };
    },
  };
}

export function isDemoGateway(gateway: PaymentGateway | null): gateway is DemoGateway {
  return (gateway as DemoGateway | null)?.demo === true;
}

/** The signed-in buyer's own gateway payment; anyone else's is not found. */
async function buyersPayment(ctx: Ctx, paymentId: string) {
  const payment = await ctx.db
    .selectFrom('payments as p')
    .innerJoin('orders as o', (join) => join.onRef('o.tenant_id', '=', 'p.tenant_id').onRef('o.id', '=', 'p.order_id'))
    .select(['p.id', 'p.status', 'p.amount', 'o.id as orderId', 'o.number', 'o.buyer_user_id as buyerId'])
    .where('p.tenant_id', '=', ctx.tenant.id)
    .where('p.id', '=', paymentId)
    .where('p.method', '=', 'gateway')
    .executeTakeFirst();
  if (!payment || payment.buyerId !== ctx.actor?.userId) throw new AppError('not_found');
  return payment;
}

/** What Midtrans would send for a settled (200) or denied (202) payment. */
function demoNotification(payment: { id: string; amount: bigint }, result: 'paid' | 'failed', serverKey: string): MidtransNotification {
  const [status, code] = result === 'paid' ? ['settlement', '200'] : ['deny', '202'];
  const grossAmount = `${payment.amount}.00`;
  return {
    order_id: payment.id,
    status_code: code,
    gross_amount: grossAmount,
    signature_key: midtransSignature(payment.id, code, grossAmount, serverKey),
    transaction_status: status,
    transaction_id: randomUUID(),
    fraud_status: 'accept',
    payment_type: 'demo',
  };
}

const STATUS_WORDS: Record<string, string> = { paid: 'sudah dibayar', failed: 'gagal', cancelled: 'dibatalkan' };

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(payment: Awaited<ReturnType<typeof buyersPayment>>): string {
  const actions =
    payment.status === 'pending'
      ? '<button data-result="paid">Bayar (berhasil)</button> <button data-result="failed" class="fail">Gagal</button>'
      : `<p>Pembayaran ini ${STATUS_WORDS[payment.status] ?? payment.status}.</p>`;
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Gerbang pembayaran demo</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:2rem auto;padding:0 1rem;color:#1f2937}
.note{background:#fef3c7;padding:.5rem .75rem;border-radius:.5rem}.amount{font-size:2rem;font-weight:700;margin:.5rem 0}
button{font-size:1rem;padding:.75rem 1.25rem;border:0;border-radius:.5rem;background:#047857;color:#fff}button.fail{background:#b91c1c}</style>
<script src="/api/dev/gateway.js" defer></script></head>
<body><main>
<p class="note">Simulasi gerbang pembayaran (mode demo): tidak ada uang yang berpindah.</p>
<h1>Pesanan ${escapeHtml(payment.number)}</h1>
<p class="amount">${escapeHtml(formatRupiah(payment.amount))}</p>
${actions}
<p id="status" role="status"></p>
<p><a href="/pesanan/${escapeHtml(payment.orderId)}">Kembali ke pesanan</a></p>
</main></body></html>`;
}

// Served as a file because the CSP allows only same-origin scripts; it posts with the CSRF
// header like the web app, since a plain form cannot send one.
const SCRIPT = `for (const button of document.querySelectorAll('button[data-result]')) {
  button.addEventListener('click', async () => {
    const buttons = document.querySelectorAll('button');
    for (const b of buttons) b.disabled = true;
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('lp_csrf='))?.slice(8) ?? '';
    const response = await fetch(location.pathname, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
      body: JSON.stringify({ result: button.dataset.result }),
    });
    const body = await response.json().catch(() => null);
    if (response.ok) return location.assign(body.redirectUrl);
    document.getElementById('status').textContent = body?.error?.message ?? 'Terjadi kesalahan.';
    for (const b of buttons) b.disabled = false;
  });
}
`;

/** The demo checkout page; registered only when the demo gateway is the one in use. */
export const demoGatewayRoutes: FastifyPluginAsyncZod = async (app) => {
  const gateway = app.paymentGateway;
  if (!isDemoGateway(gateway)) throw new Error('the demo gateway routes need the demo gateway');
  const params = z.object({ paymentId: z.string().max(40) });

  app.get('/dev/gateway.js', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(SCRIPT),
  );

  app.get(
    '/dev/gateway/:paymentId',
    {
      preHandler: async (request) => void requireActor(request),
      schema: { tags: ['demo'], summary: 'Demo gateway checkout page (HTML) for my payment (demo mode only)', params },
    },
    async (request, reply) => {
      const payment = await buyersPayment(request.ctx(), request.params.paymentId);
      return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(page(payment));
    },
  );

  app.post(
    '/dev/gateway/:paymentId',
    {
      preHandler: async (request) => void requireActor(request),
      schema: {
        tags: ['demo'],
        summary: 'Finish my demo gateway payment: a signed notification goes through the Midtrans webhook code',
        params,
        body: z.strictObject({ result: z.enum(['paid', 'failed']) }),
        response: { 200: z.object({ redirectUrl: z.string() }) },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      const payment = await buyersPayment(ctx, request.params.paymentId);
      if (payment.status === 'pending') {
        const notification = demoNotification(payment, request.body.result, gateway.serverKey);
        // As from the gateway: no buyer behind it, exactly like a real notification.
        await receiveMidtransNotification({ ...ctx, actor: null }, notification, gateway.serverKey);
      }
      return { redirectUrl: `/pesanan/${payment.orderId}` };
    },
  );
};
