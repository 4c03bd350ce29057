import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TenantRef } from '../../http/context.ts';
import { client, signInCodeFor, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeStaff, makeTenant, uniquePhone } from '../../test/factories.ts';

for (const engine of engines()) {
  describe(`sign-in on ${engine}`, () => {
    let t: TestApp;
    let tenant: TenantRef;
    const host = () => `${tenant.slug}.localhost`;

    before(async () => {
      t = await testApp(engine);
      tenant = await makeTenant(t.database.db);
    });
    after(() => t.close());

    const codeSentTo = (browser: ReturnType<typeof client>, phone: string) => signInCodeFor(t.app, browser, phone);

    test('a buyer signs in with a code sent through the messaging channel, then signs out', async () => {
      const browser = client(t.app, host());
      const phone = uniquePhone();
      const local = `0${phone.slice(3, 6)}-${phone.slice(6, 10)}-${phone.slice(10)}`;
      const requested = await browser.post('/api/auth/code/request', { phone: local });
      assert.equal(requested.statusCode, 200, requested.body);
      assert.equal(requested.json().phone, phone);

      const code = await codeSentTo(browser, phone);
      const verified = await browser.post('/api/auth/code/verify', { phone: phone.slice(1), code });
      assert.equal(verified.statusCode, 200, verified.body);
      assert.deepEqual(verified.json().roles, ['buyer']);
      const sessionCookie = verified.cookies.find((c) => c.name === 'lp_session') as { httpOnly?: boolean; sameSite?: string };
      assert.equal(sessionCookie.httpOnly, true);
      assert.equal(sessionCookie.sameSite, 'Lax');

      assert.equal((await browser.get('/api/session')).json().user.phone, phone);
      // The code is single-use.
      const reuse = await client(t.app, host()).post('/api/auth/code/verify', { phone, code });
      assert.equal(reuse.statusCode, 400);
      assert.equal(reuse.json().error.details[0].code, 'code_expired');

      assert.equal((await browser.post('/api/auth/sign-out')).statusCode, 204);
      assert.equal((await browser.get('/api/session')).json().user, null);
    });

    test('wrong codes count down and then burn the code; the right code no longer works', async () => {
      const browser = client(t.app, host());
      const phone = uniquePhone();
      await browser.post('/api/auth/code/request', { phone });
      const code = await codeSentTo(browser, phone);
      const wrong = code === '000000' ? '111111' : '000000';
      const first = await browser.post('/api/auth/code/verify', { phone, code: wrong });
      assert.equal(first.statusCode, 400);
      assert.deepEqual(first.json().error.details, [{ field: 'code', code: 'invalid_code', message: 'Kode salah. Sisa percobaan: 4.' }]);
      for (let i = 0; i < 4; i++) await browser.post('/api/auth/code/verify', { phone, code: wrong });
      const afterLimit = await browser.post('/api/auth/code/verify', { phone, code });
      assert.equal(afterLimit.statusCode, 400);
      assert.equal(afterLimit.json().error.details[0].code, 'code_expired');
    });

    test('an expired code is refused', async () => {
      const browser = client(t.app, host());
      const phone = uniquePhone();
      await browser.post('/api/auth/code/request', { phone });
      const code = await codeSentTo(browser, phone);
      await t.database.db
        .updateTable('otp_codes')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('phone', '=', phone)
        .execute();
      const response = await browser.post('/api/auth/code/verify', { phone, code });
      assert.equal(response.statusCode, 400);
      assert.match(response.json().error.details[0].message, /kedaluwarsa/);
    });

    test('asking for codes too fast is refused with the wait time', async () => {
      const browser = client(t.app, host());
      const phone = uniquePhone();
      assert.equal((await browser.post('/api/auth/code/request', { phone })).statusCode, 200);
      const again = await browser.post('/api/auth/code/request', { phone });
      assert.equal(again.statusCode, 429);
      assert.equal(again.json().error.code, 'code_resend_wait');
      assert.ok(Number(again.headers['retry-after']) > 0);
    });

    test('one device asking for codes for many numbers is slowed down', async () => {
      const device = client(t.app, host());
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await device.post('/api/auth/code/request', { phone: uniquePhone() })).statusCode);
      assert.deepEqual(statuses, Array(10).fill(200));
      const limited = await device.post('/api/auth/code/request', { phone: uniquePhone() });
      assert.equal(limited.statusCode, 429);
      assert.match(limited.json().error.message, /^Terlalu banyak percobaan\. Coba lagi dalam \d+ detik\.$/);
    });

    test('malformed phones and codes get field-level 400s in the caller language', async () => {
      const id = client(t.app, host());
      const en = client(t.app, host(), 'en');
      for (const phone of ['12345', '0281891234', 'halo']) {
        const response = await id.post('/api/auth/code/request', { phone });
        assert.equal(response.statusCode, 400, phone);
        assert.deepEqual(response.json().error.details[0], {
          field: 'phone',
          code: 'invalid_phone',
          message: 'Nomor HP tidak valid. Contoh: 0812-3456-7890.',
        });
      }
      const missing = await en.post('/api/auth/code/request', {});
      assert.equal(missing.statusCode, 400);
      assert.deepEqual(missing.json().error.details, [{ field: 'phone', code: 'required', message: 'Required.' }]);
      const badCode = await en.post('/api/auth/code/verify', { phone: uniquePhone(), code: '12ab' });
      assert.equal(badCode.json().error.details[0].code, 'code_format');
      assert.equal(badCode.json().error.message, 'Some fields are not valid. Check the marked fields.');
    });

    test('staff sign in with a password; wrong passwords lock the account', async () => {
      const admin = await makeStaff(t.database.db, tenant.id, 'program_admin');
      const browser = client(t.app, host());
      const ok = await browser.post('/api/auth/password', { phone: admin.phone, password: admin.password });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual(ok.json().roles, ['program_admin']);

      const courier = await makeStaff(t.database.db, tenant.id, 'courier');
      const attacker = client(t.app, host());
      for (let i = 1; i <= 4; i++) {
        const wrong = await attacker.post('/api/auth/password', { phone: courier.phone, password: `salah-${i}` });
        assert.equal(wrong.statusCode, 401);
        assert.equal(wrong.json().error.message, 'Nomor HP atau kata sandi salah.');
      }
      const locking = await attacker.post('/api/auth/password', { phone: courier.phone, password: 'salah-5' });
      assert.equal(locking.statusCode, 423);
      const evenRight = await attacker.post('/api/auth/password', { phone: courier.phone, password: courier.password });
      assert.equal(evenRight.statusCode, 423);
      assert.match(evenRight.json().error.message, /dikunci sampai \d\d[.:]\d\d WIB/);

      const unknown = await attacker.post('/api/auth/password', { phone: uniquePhone(), password: 'apa-saja-123' });
      assert.equal(unknown.statusCode, 401);
    });

    test('a buyer cannot use staff sign-in, and staff of one regency are strangers in another', async () => {
      const other = await makeTenant(t.database.db);
      const cs = await makeStaff(t.database.db, other.id, 'cs_agent');
      const here = await client(t.app, host()).post('/api/auth/password', { phone: cs.phone, password: cs.password });
      assert.equal(here.statusCode, 403);
      assert.equal(here.json().error.code, 'not_staff');
      const there = await client(t.app, `${other.slug}.localhost`).post('/api/auth/password', { phone: cs.phone, password: cs.password });
      assert.equal(there.statusCode, 200);
    });

    test('a session of one regency is not a session in another', async () => {
      const other = await makeTenant(t.database.db);
      const admin = await makeStaff(t.database.db, tenant.id, 'program_admin');
      const browser = client(t.app, host());
      await browser.post('/api/auth/password', { phone: admin.phone, password: admin.password });
      const elsewhere = await t.app.inject({
        method: 'GET',
        url: '/api/session',
        headers: { host: `${other.slug}.localhost`, cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      assert.equal(elsewhere.json().user, null);
    });

    test('an invite makes a new staff member who is signed in, and works once', async () => {
      const { createInvite } = await import('./invites.ts');
      const phone = uniquePhone();
      const invite = await createInvite(t.database.db, {
        tenantId: tenant.id,
        role: 'cs_agent',
        phone,
        createdBy: null,
        actorLabel: 'test',
      });
      const browser = client(t.app, host());
      const view = await browser.get(`/api/invites/${invite.token}`);
      assert.equal(view.json().role, 'cs_agent');
      const short = await browser.post(`/api/invites/${invite.token}/accept`, { name: 'Rina', phone, password: 'pendek' });
      assert.equal(short.json().error.details[0].field, 'password');
      const wrongPhone = await browser.post(`/api/invites/${invite.token}/accept`, {
        name: 'Rina',
        phone: uniquePhone(),
        password: 'cukup-panjang-123',
      });
      assert.equal(wrongPhone.json().error.details[0].code, 'phone_mismatch');
      const accepted = await browser.post(`/api/invites/${invite.token}/accept`, { name: 'Rina', phone, password: 'cukup-panjang-123' });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.deepEqual(accepted.json().roles, ['cs_agent']);
      const twice = await client(t.app, host()).post(`/api/invites/${invite.token}/accept`, {
        name: 'Orang Lain',
        phone,
        password: 'cukup-panjang-123',
      });
      assert.equal(twice.statusCode, 410);
      const signIn = await client(t.app, host()).post('/api/auth/password', { phone, password: 'cukup-panjang-123' });
      assert.equal(signIn.statusCode, 200);
    });
  });
}
