import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { TenantRef } from '../../http/context.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant, rowCounts } from '../../test/factories.ts';
import { makeProgram } from '../sellers/test-fixtures.ts';
import { signBody } from './cloud-api.ts';
import { enqueueMessage, enqueueText } from './service.ts';

const vectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../test/vectors/whatsapp.json'), 'utf8'));
const ORDER_TEXT = vectors.messages.find((v: { name: string }) => v.name === 'indonesian-order-text');
const NUMBER_ID = '106540352242922';

/**
 * A fake Graph API on 127.0.0.1: answers each send from `answers` in turn (then 200), and keeps
 * what it got; serves one customer photo (media id `media-photo-1`) as Meta does, in two steps.
 */
async function fakeGraph(answers: [number, unknown][]) {
  const received: { url: string; body: Record<string, unknown> }[] = [];
  const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2f855a' } })
    .png()
    .toBuffer();
  const server = http.createServer((request, response) => {
    if (request.method === 'GET') {
      const port = (server.address() as AddressInfo).port;
      if (request.headers.authorization !== 'Bearer test-token') return response.writeHead(401).end();
      if (request.url === '/v21.0/media-photo-1') {
        return response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ url: `http://127.0.0.1:${port}/files/photo-1` }));
      }
      if (request.url === '/files/photo-1') return response.writeHead(200, { 'content-type': 'image/png' }).end(photo);
      return response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'gone' } }));
    }
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ url: request.url ?? '', body: JSON.parse(body) });
      const [status, answer] = answers.shift() ?? [200, { messages: [{ id: `wamid.OUT${received.length}` }] }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v21.0`, received, close: () => server.close() };
}

for (const engine of engines()) {
  describe(`the WhatsApp Cloud API channel on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let graph: Awaited<ReturnType<typeof fakeGraph>>;
    const answers: [number, unknown][] = [];

    const post = (body: string, signature: string | null = signBody(body, vectors.app_secret)) =>
      t.app.inject({
        method: 'POST',
        url: '/api/webhooks/whatsapp',
        // Meta posts to the installation's address, not to a tenant's host.
        headers: {
          host: 'lokapasar.example',
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        payload: body,
      });
    const counts = () => rowCounts(t.database.db, tenant.id, ['messages', 'conversations']);

    before(async () => {
      graph = await fakeGraph(answers);
      t = await testApp(engine, {
        WHATSAPP_ACCESS_TOKEN: 'test-token',
        WHATSAPP_APP_SECRET: vectors.app_secret,
        WHATSAPP_VERIFY_TOKEN: vectors.verify_token,
        WHATSAPP_GRAPH_URL: graph.url,
      });
      tenant = await makeTenant(t.database.db);
      programId = await makeProgram(t.database.db, tenant.id);
      await t.database.db.updateTable('programs').set({ whatsapp_phone_number_id: NUMBER_ID }).where('id', '=', programId).execute();
    });
    after(async () => {
      await t.close();
      graph.close();
    });

    test('webhook verification answers the challenge only to the right token', async () => {
      const verify = (token: string) =>
        t.app.inject({
          method: 'GET',
          url: `/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`,
          headers: { host: 'lokapasar.example' },
        });
      const ok = await verify(vectors.verify_token);
      assert.deepEqual([ok.statusCode, ok.body], [200, '1158201444']);
      assert.equal((await verify('wrong')).statusCode, 403);
    });

    test('a wrong or missing signature is 403 and stores nothing; malformed bodies and unknown numbers are 4xx', async () => {
      const before = await counts();
      for (const vector of vectors.invalid) {
        const response = await post(vector.body, vector.signature);
        assert.equal(response.statusCode, 403, vector.name);
        assert.equal(response.json().error.code, 'invalid_signature');
      }
      assert.equal((await post('{"object":', undefined)).statusCode, 400);
      assert.equal((await post('{"object":"page","entry":[]}')).statusCode, 400);
      const elsewhere = ORDER_TEXT.body.replace(NUMBER_ID, '999999999999');
      const unknown = await post(elsewhere);
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.details[0].code, 'unknown_phone_number');
      assert.deepEqual(await counts(), before);
    });

    test('a customer’s order by text lands once in their conversation, unread, even when Meta retries', async () => {
      for (let i = 0; i < 2; i++) {
        const response = await post(ORDER_TEXT.body, ORDER_TEXT.signature);
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().received, i === 0 ? 1 : 0);
      }
      const conversation = await t.database.db
        .selectFrom('conversations')
        .selectAll()
        .where('tenant_id', '=', tenant.id)
        .where('phone', '=', '+6281234567890')
        .executeTakeFirstOrThrow();
      assert.deepEqual([conversation.customer_name, conversation.unread, conversation.program_id], ['Bu Siti', 1, programId]);
      assert.ok(conversation.last_inbound_at);
      const messages = await t.database.db.selectFrom('messages').selectAll().where('conversation_id', '=', conversation.id).execute();
      assert.equal(messages.length, 1);
      assert.match(messages[0]?.body ?? '', /bawang merah 1\/2 kg/);
    });

    test('a photo a customer sends is fetched from WhatsApp and kept, so the desk can show it', async () => {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            changes: [
              {
                field: 'messages',
                value: {
                  metadata: { phone_number_id: NUMBER_ID },
                  contacts: [{ wa_id: '6281234567890', profile: { name: 'Bu Siti' } }],
                  messages: [
                    {
                      from: '6281234567890',
                      id: 'wamid.PHOTO1',
                      timestamp: '1763798450',
                      type: 'image',
                      image: { id: 'media-photo-1', caption: 'daftar belanja' },
                    },
                    { from: '6281234567890', id: 'wamid.PHOTO2', timestamp: '1763798451', type: 'image', image: { id: 'media-gone' } },
                  ],
                },
              },
            ],
          },
        ],
      });
      assert.equal((await post(body)).statusCode, 200);
      await t.app.outbox.runOnce();
      const photos = await t.database.db
        .selectFrom('messages')
        .select(['provider_message_id', 'body', 'data', 'status'])
        .where('tenant_id', '=', tenant.id)
        .where('provider_message_id', 'in', ['wamid.PHOTO1', 'wamid.PHOTO2'])
        .orderBy('provider_message_id')
        .execute();
      const link = String(photos[0]?.data?.link);
      assert.match(link, /^\/api\/media\/med_/);
      const served = await t.app.inject({ method: 'GET', url: link, headers: { host: `${tenant.slug}.localhost` } });
      assert.equal(served.statusCode, 200);
      // A photo WhatsApp no longer has stays a "[Foto]" without a picture; the message itself is not marked failed.
      assert.deepEqual([photos[1]?.data?.link, photos[1]?.status], [undefined, null]);
    });

    test('the outbox retries a send that failed, inside the window as text, and follows delivery statuses forward only', async () => {
      // The customer wrote a moment ago (the test above): free-form text is allowed.
      answers.push([503, { error: { message: 'busy' } }]);
      const [id] = await t.database.db.transaction().execute((trx) =>
        enqueueMessage(trx, {
          tenantId: tenant.id,
          programId,
          phone: '+6281234567890',
          content: { kind: 'text', body: 'Total Rp 39.000' },
        }),
      );
      assert.equal(await t.app.outbox.runOnce(), 1);
      const failedOnce = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where(sql<boolean>`payload->>'messageId' = ${id}`)
        .executeTakeFirstOrThrow();
      assert.deepEqual([failedOnce.status, failedOnce.attempts], ['pending', 1]);
      // Due again after the backoff.
      await t.database.db
        .updateTable('outbox')
        .set({ run_after: new Date(0) })
        .where('id', '=', failedOnce.id)
        .execute();
      assert.equal(await t.app.outbox.runOnce(), 1);
      const sent = await t.database.db
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', id as string)
        .executeTakeFirstOrThrow();
      assert.equal(sent.status, 'sent');
      const last = graph.received.at(-1);
      assert.equal(last?.url, `/v21.0/${NUMBER_ID}/messages`);
      assert.deepEqual(last?.body.type, 'text');
      assert.deepEqual(last?.body.text, { body: 'Total Rp 39.000', preview_url: false });

      // Statuses: delivered, then read; a late "sent" does not move it back.
      const status = (value: string) =>
        JSON.stringify({
          object: 'whatsapp_business_account',
          entry: [
            {
              changes: [
                {
                  field: 'messages',
                  value: {
                    metadata: { phone_number_id: NUMBER_ID },
                    statuses: [{ id: sent.provider_message_id, status: value, timestamp: '1763798500', recipient_id: '6281234567890' }],
                  },
                },
              ],
            },
          ],
        });
      for (const value of ['delivered', 'read', 'sent']) assert.equal((await post(status(value))).statusCode, 200);
      const read = await t.database.db
        .selectFrom('messages')
        .select('status')
        .where('id', '=', id as string)
        .executeTakeFirstOrThrow();
      assert.equal(read.status, 'read');
    });

    test('outside the 24-hour window a text goes as the program’s template; a number WhatsApp refuses fails for good', async () => {
      await t.database.db
        .transaction()
        .execute((trx) => enqueueText(trx, { tenantId: tenant.id, programId, phone: '+6281399990000', body: 'Kode masuk Anda 123456' }));
      await t.app.outbox.runOnce();
      const template = graph.received.at(-1)?.body;
      assert.equal(template?.type, 'template');
      assert.deepEqual(template?.template, {
        name: 'lokapasar_notifikasi',
        language: { code: 'id' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Kode masuk Anda 123456' }] }],
      });

      answers.push([400, { error: { message: 'Recipient phone number not in allowed list', code: 131030 } }]);
      const [id] = await t.database.db
        .transaction()
        .execute((trx) =>
          enqueueMessage(trx, { tenantId: tenant.id, programId, phone: '+6281399990001', content: { kind: 'text', body: 'Halo' } }),
        );
      await t.app.outbox.runOnce();
      const failed = await t.database.db
        .selectFrom('messages')
        .select(['status', 'error'])
        .where('id', '=', id as string)
        .executeTakeFirstOrThrow();
      assert.equal(failed.status, 'failed');
      assert.match(failed.error ?? '', /not in allowed list/);
    });

    test('a text longer than WhatsApp takes goes as several messages, each within the limit', async () => {
      const long = Array.from({ length: 200 }, (_, i) => `${i + 1}. bawang merah setengah kilo, cabe rawit satu ons`).join('\n');
      const ids = await t.database.db
        .transaction()
        .execute((trx) =>
          enqueueMessage(trx, { tenantId: tenant.id, programId, phone: '+6281234567890', content: { kind: 'text', body: long } }),
        );
      assert.ok(ids.length >= 3);
      const bodies = await t.database.db.selectFrom('messages').select('body').where('id', 'in', ids).execute();
      assert.ok(bodies.every((b) => b.body.length <= 4096));
    });
  });
}
