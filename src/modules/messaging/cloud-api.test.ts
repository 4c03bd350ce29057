import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { parseShoppingList } from '../orders/shopping-list.ts';
import {
  graphPayload,
  MAX_TEXT,
  PermanentSendError,
  parseWebhook,
  sendToGraph,
  signBody,
  splitText,
  verifySignature,
} from './cloud-api.ts';

const vectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../test/vectors/whatsapp.json'), 'utf8'));

test('signatures: the vectors verify byte for byte; wrong, missing or malformed ones do not', () => {
  assert.equal(signBody(vectors.hmac_check.message, vectors.hmac_check.key), `sha256=${vectors.hmac_check.hex}`);
  for (const vector of vectors.messages) {
    assert.equal(Buffer.byteLength(vector.body), vector.bytes);
    assert.equal(verifySignature(Buffer.from(vector.body), vector.signature, vectors.app_secret), true, vector.name);
    // One byte changed is a different body.
    assert.equal(verifySignature(Buffer.from(`${vector.body} `), vector.signature, vectors.app_secret), false);
  }
  for (const vector of vectors.invalid) {
    assert.equal(verifySignature(Buffer.from(vector.body), vector.signature ?? undefined, vectors.app_secret), false, vector.name);
  }
  assert.equal(verifySignature('{}', 'sha256=zz', vectors.app_secret), false);
  assert.equal(verifySignature('{}', 'md5=00', vectors.app_secret), false);
});

test('an Indonesian order by text: the phone in E.164, the name, and a shopping list the parser reads', () => {
  const vector = vectors.messages.find((v: { name: string }) => v.name === 'indonesian-order-text');
  const [batch] = parseWebhook(JSON.parse(vector.body));
  assert.equal(batch?.phoneNumberId, '106540352242922');
  const message = batch?.messages[0];
  assert.deepEqual(
    [message?.providerMessageId, message?.phone, message?.profileName, message?.kind],
    ['wamid.TEST0000000000000000000001', '+6281234567890', 'Bu Siti', 'text'],
  );
  assert.deepEqual(
    parseShoppingList(message?.text ?? '').map((l) => l.name ?? `note: ${l.note}`),
    ['bawang merah', 'cabe rawit', 'telur', 'note: kirim ke Jl. Mayjen Sungkono 12 ya'],
  );
});

test('images, locations, button replies and delivery statuses', () => {
  const body = {
    object: 'whatsapp_business_account',
    entry: [
      {
        changes: [
          {
            field: 'messages',
            value: {
              metadata: { phone_number_id: '555' },
              messages: [
                {
                  from: '6281234567890',
                  id: 'wamid.1',
                  timestamp: '1763798400',
                  type: 'image',
                  image: { id: 'media-1', caption: 'ini daftarnya' },
                },
                {
                  from: '6281234567890',
                  id: 'wamid.2',
                  timestamp: '1763798401',
                  type: 'location',
                  location: { latitude: -7.38, longitude: 109.36, name: 'Rumah' },
                },
                {
                  from: '6281234567890',
                  id: 'wamid.3',
                  timestamp: '1763798402',
                  type: 'interactive',
                  interactive: { type: 'button_reply', button_reply: { id: 'reweigh:ord_1:0:accept', title: 'Setuju' } },
                },
                { from: '6281234567890', id: 'wamid.4', timestamp: '1763798403', type: 'sticker' },
              ],
              statuses: [
                {
                  id: 'wamid.out1',
                  status: 'failed',
                  timestamp: '1763798404',
                  recipient_id: '6281234567890',
                  errors: [{ code: 131047, title: 'Re-engagement message' }],
                },
              ],
            },
          },
        ],
      },
    ],
  };
  const [batch] = parseWebhook(body);
  assert.deepEqual(
    batch?.messages.map((m) => [m.kind, m.text, m.mediaId, m.location, m.replyId]),
    [
      ['image', 'ini daftarnya', 'media-1', null, null],
      ['location', 'Rumah', null, { lat: -7.38, lng: 109.36 }, null],
      ['reply', 'Setuju', null, null, 'reweigh:ord_1:0:accept'],
      ['other', '[sticker]', null, null, null],
    ],
  );
  assert.deepEqual(batch?.statuses, [{ providerMessageId: 'wamid.out1', status: 'failed', error: '131047 Re-engagement message' }]);
  assert.throws(() => parseWebhook({ object: 'page', entry: [] }));
  assert.throws(() =>
    parseWebhook({
      object: 'whatsapp_business_account',
      entry: [{ changes: [{ field: 'messages', value: { metadata: { phone_number_id: '1' }, messages: [{ id: '' }] } }] }],
    }),
  );
});

test('a text over 4096 characters is split at line breaks into pieces WhatsApp accepts', () => {
  const lines = Array.from({ length: 300 }, (_, i) => `Baris ${i + 1}: bawang merah setengah kilo`);
  const pieces = splitText(lines.join('\n'));
  assert.ok(pieces.length >= 3);
  assert.ok(pieces.every((p) => p.length <= MAX_TEXT));
  assert.equal(pieces.join('\n'), lines.join('\n'));
  assert.deepEqual(splitText('pendek'), ['pendek']);
});

test('the Graph API: payloads, and which failures are worth retrying', async () => {
  assert.deepEqual(graphPayload('+6281234567890', { kind: 'text', body: 'Halo' }), {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: '6281234567890',
    type: 'text',
    text: { body: 'Halo', preview_url: false },
  });
  const answers = [
    [200, { messages: [{ id: 'wamid.sent' }] }],
    [429, { error: { message: 'rate', code: 130429 } }],
    [400, { error: { message: 'bad number', code: 131026 } }],
    [503, {}],
  ] as const;
  const seen: { url?: string; auth?: string; body: string }[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({ url: request.url, auth: request.headers.authorization, body });
      const [status, answer] = answers[seen.length - 1] ?? [500, {}];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const config = { graphUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`, accessToken: 'token-1' };
  const payload = graphPayload('+6281234567890', { kind: 'text', body: 'Halo' });
  try {
    assert.deepEqual(await sendToGraph(config, '106540352242922', payload), { providerMessageId: 'wamid.sent' });
    assert.deepEqual([seen[0]?.url, seen[0]?.auth], ['/v21.0/106540352242922/messages', 'Bearer token-1']);
    const rateLimited = await sendToGraph(config, '1', payload).catch((e: Error) => e);
    assert.ok(rateLimited instanceof Error && !(rateLimited instanceof PermanentSendError));
    assert.ok((await sendToGraph(config, '1', payload).catch((e: Error) => e)) instanceof PermanentSendError);
    const down = await sendToGraph(config, '1', payload).catch((e: Error) => e);
    assert.ok(down instanceof Error && !(down instanceof PermanentSendError));
  } finally {
    server.close();
  }
});
