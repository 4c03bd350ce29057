import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { TenantRef } from '../../http/context.ts';
import { newId } from '../../shared/ids.ts';
import { type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeTenant, uniquePhone } from '../../test/factories.ts';
import { makeBuyer, makePhoto, makeProgram, makeStaffBrowser } from '../sellers/test-fixtures.ts';
import { recordInbound } from './service.ts';

const fieldsOf = (body: { error: { details: { field: string; code: string }[] } }) =>
  Object.fromEntries(body.error.details.map((d) => [d.field, d.code]));

for (const engine of engines()) {
  describe(`the CS desk's WhatsApp conversations on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    let programId: string;
    let agent: Awaited<ReturnType<typeof makeStaffBrowser>>;
    let colleague: Awaited<ReturnType<typeof makeStaffBrowser>>;

    /** Customers' messages were sent a second apart, earlier today: their order is certain. */
    let clock = Date.now() - 3_600_000;
    const nextSentAt = () => {
      clock += 1000;
      return new Date(clock);
    };

    /** A customer's WhatsApp message to the program's number; returns the conversation id. */
    async function customerSays(text: string, phone = uniquePhone(), where = { tenantId: tenant.id, programId }) {
      const stored = await recordInbound(t.database.db, {
        ...where,
        channel: 'simulator',
        message: {
          providerMessageId: newId('wamid'),
          phone,
          profileName: 'Bu Siti',
          sentAt: nextSentAt(),
          kind: 'text',
          text,
          mediaId: null,
          location: null,
          replyId: null,
        },
      });
      return stored.conversationId;
    }

    const outboxFor = (messageId: string) =>
      t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where('kind', '=', 'message.send')
        .where(sql`payload->>'messageId'`, '=', messageId)
        .execute();

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
      programId = await makeProgram(t.database.db, tenant.id);
      agent = await makeStaffBrowser(t, tenant, 'cs_agent');
      colleague = await makeStaffBrowser(t, tenant, 'program_admin');
    });
    after(() => t.close());

    test('the list is newest first, filtered by assignment; unread counts until the agent reads', async () => {
      const older = await customerSays('Halo, masih buka?');
      await t.database.db
        .updateTable('conversations')
        .set({ last_message_at: new Date(Date.now() - 60_000) })
        .where('id', '=', older)
        .execute();
      const phone = uniquePhone();
      const newer = await customerSays('Mau pesan bawang merah', phone);
      await customerSays('1/2 kg ya', phone);

      const all = (await agent.browser.get(`/api/cs/conversations?programId=${programId}`)).json().conversations;
      const ids = all.map((c: { id: string }) => c.id);
      assert.ok(ids.indexOf(newer) < ids.indexOf(older));
      const summary = all.find((c: { id: string }) => c.id === newer);
      assert.deepEqual(
        { ...summary, phone: undefined, lastMessageAt: undefined },
        {
          id: newer,
          programId,
          phone: undefined,
          customerName: 'Bu Siti',
          assignedTo: null,
          unread: 2,
          lastMessageAt: undefined,
          lastMessage: { body: '1/2 kg ya', direction: 'in', kind: 'text' },
          windowOpen: true,
        },
      );

      const assigned = await agent.browser.post(`/api/cs/conversations/${newer}/assign`, { userId: agent.user.id });
      assert.equal(assigned.statusCode, 200, assigned.body);
      assert.deepEqual(assigned.json().conversation.assignedTo, { userId: agent.user.id, name: agent.user.name });
      const listed = async (browser: typeof agent.browser, filter: string) =>
        (await browser.get(`/api/cs/conversations?filter=${filter}`)).json().conversations.map((c: { id: string }) => c.id);
      assert.ok((await listed(agent.browser, 'mine')).includes(newer));
      assert.ok(!(await listed(colleague.browser, 'mine')).includes(newer));
      assert.ok(!(await listed(agent.browser, 'unassigned')).includes(newer));
      assert.ok((await listed(agent.browser, 'unassigned')).includes(older));

      assert.equal((await agent.browser.post(`/api/cs/conversations/${newer}/read`)).statusCode, 204);
      const detail = (await agent.browser.get(`/api/cs/conversations/${newer}`)).json();
      assert.equal(detail.conversation.unread, 0);
      assert.deepEqual(
        detail.messages.map((m: { body: string; direction: string }) => [m.body, m.direction]),
        [
          ['Mau pesan bawang merah', 'in'],
          ['1/2 kg ya', 'in'],
        ],
      );
      assert.deepEqual(detail.customer, { userId: null, name: 'Bu Siti', phone: summary.phone, addresses: [], orders: [] });
    });

    test('a conversation goes only to desk staff of this regency, or back to nobody', async () => {
      const conversation = await customerSays('Halo');
      const { user: buyer } = await makeBuyer(t, tenant);
      const elsewhere = await makeStaffBrowser(t, await makeTenant(t.database.db), 'cs_agent');
      for (const userId of [buyer.id, elsewhere.user.id, 'usr_unknown']) {
        const refused = await agent.browser.post(`/api/cs/conversations/${conversation}/assign`, { userId });
        assert.equal(refused.statusCode, 400);
        assert.deepEqual(fieldsOf(refused.json()), { userId: 'not_desk_staff' });
      }
      await agent.browser.post(`/api/cs/conversations/${conversation}/assign`, { userId: colleague.user.id });
      const cleared = await agent.browser.post(`/api/cs/conversations/${conversation}/assign`, { userId: null });
      assert.equal(cleared.json().conversation.assignedTo, null);
    });

    test('another regency’s conversation is not found, and buyers have no desk', async () => {
      const other = await makeTenant(t.database.db);
      const foreign = await customerSays('Halo', uniquePhone(), {
        tenantId: other.id,
        programId: await makeProgram(t.database.db, other.id),
      });
      const requests: [string, string, unknown?][] = [
        ['GET', ''],
        ['POST', '/read'],
        ['POST', '/assign', { userId: null }],
        ['POST', '/messages', { body: 'Halo' }],
        ['POST', '/notes', { body: 'catatan' }],
        ['POST', '/typing'],
        ['POST', '/parse', { text: 'bawang 1 kg' }],
      ];
      for (const [method, path, payload] of requests) {
        const response = await agent.browser.request({
          method: method as 'GET',
          url: `/api/cs/conversations/${foreign}${path}`,
          payload: payload as object,
        });
        assert.equal(response.statusCode, 404, `${method} ${path}`);
      }
      const { browser: buyer } = await makeBuyer(t, tenant);
      assert.equal((await buyer.get('/api/cs/conversations')).statusCode, 403);
      assert.equal((await buyer.post(`/api/cs/conversations/${await customerSays('Halo')}/messages`, { body: 'Halo' })).statusCode, 403);
    });

    test('a reply is queued with its author; a note is kept on the desk and never sent', async () => {
      const conversation = await customerSays('Ada telur?');
      const replied = await agent.browser.post(`/api/cs/conversations/${conversation}/messages`, { body: 'Ada, Bu. Berapa kilo?' });
      assert.equal(replied.statusCode, 201, replied.body);
      const message = replied.json().message;
      assert.deepEqual([message.direction, message.kind, message.status, message.authorName], ['out', 'text', 'queued', agent.user.name]);
      const row = await t.database.db.selectFrom('messages').selectAll().where('id', '=', message.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.conversation_id, row.author_user_id], [conversation, agent.user.id]);
      assert.equal((await outboxFor(message.id)).length, 1);

      const noted = await agent.browser.post(`/api/cs/conversations/${conversation}/notes`, { body: 'Pelanggan lama, suka telur bebek' });
      assert.equal(noted.statusCode, 201, noted.body);
      const note = noted.json().message;
      assert.deepEqual([note.kind, note.direction, note.status, note.authorName], ['note', 'out', null, agent.user.name]);
      assert.equal((await outboxFor(note.id)).length, 0);

      const photo = await makePhoto(t.database.db, tenant.id);
      const image = (
        await agent.browser.post(`/api/cs/conversations/${conversation}/messages`, { mediaId: photo, caption: 'Telur hari ini' })
      ).json().message;
      assert.deepEqual(
        [image.kind, image.body, image.data],
        // WhatsApp fetches it from the regency's own address, not the installation's default one.
        ['image', 'Telur hari ini', { link: `http://${tenant.slug}.localhost:3000/api/media/${photo}` }],
      );

      const bad = await agent.browser.post(`/api/cs/conversations/${conversation}/messages`, { body: 'Halo', mediaId: photo });
      assert.deepEqual(fieldsOf(bad.json()), { body: 'message_content' });
      const unknownPhoto = await agent.browser.post(`/api/cs/conversations/${conversation}/messages`, { mediaId: 'med_unknown' });
      assert.deepEqual(fieldsOf(unknownPhoto.json()), { mediaId: 'unknown_media' });

      const detail = (await colleague.browser.get(`/api/cs/conversations/${conversation}`)).json();
      assert.deepEqual(
        detail.messages.map((m: { kind: string }) => m.kind),
        ['text', 'text', 'note', 'image'],
      );
      // The list previews the chat, not the desk's notes.
      const listed = (await agent.browser.get('/api/cs/conversations'))
        .json()
        .conversations.find((c: { id: string }) => c.id === conversation);
      assert.deepEqual(listed.lastMessage, { body: 'Telur hari ini', direction: 'out', kind: 'image' });
    });

    test('an agent typing shows to the others, not to themselves', async () => {
      const conversation = await customerSays('Halo');
      assert.equal((await agent.browser.post(`/api/cs/conversations/${conversation}/typing`)).statusCode, 204);
      assert.equal((await agent.browser.post(`/api/cs/conversations/${conversation}/typing`)).statusCode, 204);
      assert.deepEqual((await colleague.browser.get(`/api/cs/conversations/${conversation}`)).json().typing, [
        { userId: agent.user.id, name: agent.user.name },
      ]);
      assert.deepEqual((await agent.browser.get(`/api/cs/conversations/${conversation}`)).json().typing, []);
      // A few seconds later it is over.
      await t.database.db
        .updateTable('conversation_typing')
        .set({ at: new Date(Date.now() - 60_000) })
        .where('conversation_id', '=', conversation)
        .execute();
      assert.deepEqual((await colleague.browser.get(`/api/cs/conversations/${conversation}`)).json().typing, []);
    });

    test('quick replies: created per program with a unique title, sent as text, deleted', async () => {
      const created = await agent.browser.post('/api/cs/quick-replies', {
        programId,
        title: 'Jam buka',
        body: 'Pasar daring buka setiap hari pukul 06.00–14.00.',
      });
      assert.equal(created.statusCode, 201, created.body);
      const quickReply = created.json().quickReply;
      const duplicate = await agent.browser.post('/api/cs/quick-replies', { programId, title: 'Jam buka', body: 'Lain' });
      assert.equal(duplicate.statusCode, 400);
      assert.deepEqual(fieldsOf(duplicate.json()), { title: 'duplicate_name' });
      const tooLong = await agent.browser.post('/api/cs/quick-replies', { programId, title: 'x'.repeat(41), body: 'Lain' });
      assert.deepEqual(fieldsOf(tooLong.json()), { title: 'too_long' });
      const unknownProgram = await agent.browser.post('/api/cs/quick-replies', { programId: 'prg_unknown', title: 'A', body: 'B' });
      assert.deepEqual(fieldsOf(unknownProgram.json()), { programId: 'unknown_program' });

      const listed = (await agent.browser.get(`/api/cs/quick-replies?programId=${programId}`)).json().quickReplies;
      assert.deepEqual(listed, [
        { id: quickReply.id, programId, title: 'Jam buka', body: 'Pasar daring buka setiap hari pukul 06.00–14.00.' },
      ]);

      const conversation = await customerSays('Jam berapa buka?');
      const sent = await agent.browser.post(`/api/cs/conversations/${conversation}/messages`, { quickReplyId: quickReply.id });
      assert.equal(sent.statusCode, 201, sent.body);
      assert.equal(sent.json().message.body, 'Pasar daring buka setiap hari pukul 06.00–14.00.');
      assert.equal((await outboxFor(sent.json().message.id)).length, 1);

      const elsewhere = await makeStaffBrowser(t, await makeTenant(t.database.db), 'cs_agent');
      assert.equal((await elsewhere.browser.request({ method: 'DELETE', url: `/api/cs/quick-replies/${quickReply.id}` })).statusCode, 404);
      assert.equal((await agent.browser.request({ method: 'DELETE', url: `/api/cs/quick-replies/${quickReply.id}` })).statusCode, 204);
      const gone = await agent.browser.post(`/api/cs/conversations/${conversation}/messages`, { quickReplyId: quickReply.id });
      assert.deepEqual(fieldsOf(gone.json()), { quickReplyId: 'unknown_quick_reply' });
      assert.deepEqual((await agent.browser.get(`/api/cs/quick-replies?programId=${programId}`)).json().quickReplies, []);
    });
  });
}
