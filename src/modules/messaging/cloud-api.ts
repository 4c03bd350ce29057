import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { normalizeMobile } from '../../shared/phone.ts';

// The WhatsApp Business Cloud API on the wire: checking Meta's webhook signature, reading its
// payloads, and building what we send to the Graph API. No database here; see whatsapp.ts.

/** `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`, compared in constant time. */
export function verifySignature(rawBody: Buffer | string, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

const text = z.object({ body: z.string() });
const media = z.object({ id: z.string(), mime_type: z.string().optional(), caption: z.string().optional() });
const inboundMessage = z.object({
  from: z.string(),
  id: z.string().min(1),
  timestamp: z.string(),
  type: z.string(),
  text: text.optional(),
  image: media.optional(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() })
    .optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
});
const statusUpdate = z.object({
  id: z.string().min(1),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: z.string(),
  recipient_id: z.string(),
  errors: z.array(z.object({ code: z.number(), title: z.string().optional() })).optional(),
});
const webhookBody = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }).optional(),
            contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string() }).optional() })).optional(),
            messages: z.array(inboundMessage).optional(),
            statuses: z.array(statusUpdate).optional(),
          }),
        }),
      ),
    }),
  ),
});

/** One message a customer sent, in the shapes we act on. */
export interface InboundMessage {
  providerMessageId: string;
  /** E.164 (+62…), or the raw wa_id with a plus for numbers outside Indonesia. */
  phone: string;
  profileName: string | null;
  sentAt: Date;
  kind: 'text' | 'image' | 'location' | 'reply' | 'other';
  text: string;
  mediaId: string | null;
  location: { lat: number; lng: number } | null;
  /** The id of the button or list row the customer tapped. */
  replyId: string | null;
}

export interface StatusUpdate {
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  error: string | null;
}

export interface WebhookBatch {
  phoneNumberId: string;
  messages: InboundMessage[];
  statuses: StatusUpdate[];
}

/** wa_id has no plus: "6281…" must not be read as a national number. */
function phoneOf(waId: string): string {
  return normalizeMobile(`+${waId}`) ?? `+${waId}`;
}

function toInbound(message: z.infer<typeof inboundMessage>, profileName: string | null): InboundMessage {
  const base = {
    providerMessageId: message.id,
    phone: phoneOf(message.from),
    profileName,
    sentAt: new Date(Number(message.timestamp) * 1000),
    mediaId: null,
    location: null,
    replyId: null,
  };
  if (message.type === 'text' && message.text) return { ...base, kind: 'text', text: message.text.body };
  if (message.type === 'image' && message.image) {
    return { ...base, kind: 'image', text: message.image.caption ?? '', mediaId: message.image.id };
  }
  if (message.type === 'location' && message.location) {
    const { latitude, longitude, name, address } = message.location;
    return { ...base, kind: 'location', text: [name, address].filter(Boolean).join(', '), location: { lat: latitude, lng: longitude } };
  }
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (reply) return { ...base, kind: 'reply', text: reply.title, replyId: reply.id };
  if (message.button) return { ...base, kind: 'reply', text: message.button.text, replyId: message.button.payload ?? null };
  return { ...base, kind: 'other', text: `[${message.type}]` };
}

/** Reads a verified webhook body; throws a ZodError when it is not the Cloud API's shape. */
export function parseWebhook(body: unknown): WebhookBatch[] {
  const parsed = webhookBody.parse(body);
  return parsed.entry.flatMap((entry) =>
    entry.changes
      .filter((change) => change.field === 'messages' && change.value.metadata)
      .map((change) => {
        const { value } = change;
        const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]));
        return {
          phoneNumberId: value.metadata?.phone_number_id as string,
          messages: (value.messages ?? []).map((m) => toInbound(m, names.get(m.from) ?? null)),
          statuses: (value.statuses ?? []).map((s) => ({
            providerMessageId: s.id,
            status: s.status,
            error: s.errors?.map((e) => `${e.code} ${e.title ?? ''}`.trim()).join('; ') || null,
          })),
        };
      }),
  );
}

/** The Cloud API refuses text bodies longer than this. */
export const MAX_TEXT = 4096;

/** Splits a long text at paragraph, then line, then word boundaries into pieces WhatsApp accepts. */
export function splitText(body: string, max = MAX_TEXT): string[] {
  const pieces: string[] = [];
  let rest = body.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = ['\n\n', '\n', ' '].map((boundary) => window.lastIndexOf(boundary)).find((index) => index > max / 2);
    const at = cut ?? max;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Recipients in the Graph API: digits only. */
const to = (phone: string) => phone.replace(/^\+/, '');

export type OutgoingContent =
  | { kind: 'text'; body: string }
  | { kind: 'image'; link: string; caption?: string }
  | { kind: 'buttons'; body: string; buttons: { id: string; title: string }[] }
  | { kind: 'template'; name: string; language: string; params: string[] };

/** The Graph API body for one message. */
export function graphPayload(phone: string, content: OutgoingContent): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: to(phone) };
  switch (content.kind) {
    case 'text':
      return { ...base, type: 'text', text: { body: content.body, preview_url: false } };
    case 'image':
      return { ...base, type: 'image', image: { link: content.link, caption: content.caption } };
    case 'buttons':
      return {
        ...base,
        type: 'interactive',
        interactive: {
          type: 'button',
          body: { text: content.body },
          // At most three buttons, titles at most 20 characters.
          action: {
            buttons: content.buttons.slice(0, 3).map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title.slice(0, 20) } })),
          },
        },
      };
    case 'template':
      return {
        ...base,
        type: 'template',
        template: {
          name: content.name,
          language: { code: content.language },
          components: content.params.length
            ? [{ type: 'body', parameters: content.params.map((p) => ({ type: 'text', text: p })) }]
            : undefined,
        },
      };
  }
}

/** A call the Graph API refused for good (a bad number, a template not approved, media gone): retrying will not help. */
export class PermanentSendError extends Error {}

/** Sends one message; throws PermanentSendError on a 4xx other than rate limiting, a plain Error otherwise (retried). */
export async function sendToGraph(
  config: { graphUrl: string; accessToken: string },
  phoneNumberId: string,
  payload: Record<string, unknown>,
): Promise<{ providerMessageId: string }> {
  const response = await fetch(`${config.graphUrl}/${phoneNumberId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(15_000),
  });
  const answer = (await response.json().catch(() => ({}))) as {
    messages?: { id: string }[];
    error?: { message?: string; code?: number };
  };
  if (response.ok && answer.messages?.[0]?.id) return { providerMessageId: answer.messages[0].id };
  throw graphFailure(response.status, answer.error?.code, `Graph API ${response.status}: ${answer.error?.message ?? 'no message id'}`);
}

/** Why a Graph API call failed: for good on a 4xx other than rate limiting, else worth retrying. */
function graphFailure(status: number, code: number | undefined, reason: string): Error {
  // 429 and codes 130429/131056 are rate limits; 5xx are Meta's trouble: both are worth retrying.
  const rateLimited = status === 429 || code === 130429 || code === 131056;
  return status >= 400 && status < 500 && !rateLimited ? new PermanentSendError(reason) : new Error(reason);
}

/** The bytes of a photo a customer sent: its address from the media id, then the file (both need the token). */
export async function downloadMedia(config: { graphUrl: string; accessToken: string }, mediaId: string): Promise<Buffer> {
  const headers = { authorization: `Bearer ${config.accessToken}` };
  const meta = await fetch(`${config.graphUrl}/${encodeURIComponent(mediaId)}`, { headers, signal: AbortSignal.timeout(15_000) });
  const info = (await meta.json().catch(() => ({}))) as { url?: string; error?: { message?: string; code?: number } };
  if (!meta.ok || !info.url)
    throw graphFailure(meta.status, info.error?.code, `Graph API ${meta.status}: ${info.error?.message ?? 'no media url'}`);
  const file = await fetch(info.url, { headers, signal: AbortSignal.timeout(30_000) });
  if (!file.ok) throw graphFailure(file.status, undefined, `media download ${file.status}`);
  return Buffer.from(await file.arrayBuffer());
}
