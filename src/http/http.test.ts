import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../test/app.ts';
import { makeTenant } from '../test/factories.ts';

describe('HTTP edges', () => {
  let t: TestApp;
  const host = 'kab-http.localhost';

  before(async () => {
    t = await testApp('pglite');
    await makeTenant(t.database.db, { slug: 'kab-http' });
  });
  after(() => t.close());

  test('health checks the database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health', headers: { host: 'anything' } });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { status: 'ok', database: 'pglite' });
  });

  test('OpenAPI lists the routes with their schemas; docs are served', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.match(spec.openapi, /^3\./);
    assert.ok(spec.paths['/api/auth/code/request'].post.requestBody);
    assert.ok(spec.paths['/api/admin/markets'].post);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });

  test('security headers are set', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    assert.match(String(response.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.ok(response.headers['x-frame-options']);
  });

  const post = (payload: string, contentType: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/code/request', payload, headers: { host, 'content-type': contentType } });

  test('broken JSON, wrong content type and oversized bodies are 4xx with a readable message', async () => {
    const broken = await post('{"phone":', 'application/json');
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'invalid_json');

    const form = await post('phone=0812', 'application/x-www-form-urlencoded');
    assert.equal(form.statusCode, 415);
    assert.equal(form.json().error.message, 'Jenis isi permintaan tidak didukung: kirim JSON, atau berkas sebagai unggahan formulir.');

    const huge = await post(JSON.stringify({ phone: 'x'.repeat(300 * 1024) }), 'application/json');
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error.code, 'payload_too_large');

    const array = await post('[1,2]', 'application/json');
    assert.equal(array.statusCode, 400);
  });

  test('unknown API routes answer JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nope', headers: { host } });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'route_not_found');
  });
});
