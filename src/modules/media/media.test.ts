import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { client, multipartFile, type TestApp, testApp } from '../../test/app.ts';
import { engines } from '../../test/databases.ts';
import { makeStaff, makeTenant } from '../../test/factories.ts';
import { sniffImageType } from './images.ts';

const photo = (width: number, height: number, format: 'jpeg' | 'png' = 'jpeg') =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    [format]()
    .toBuffer();

test('image types are told by their bytes', async () => {
  assert.equal(sniffImageType(await photo(2, 2)), 'image/jpeg');
  assert.equal(sniffImageType(await photo(2, 2, 'png')), 'image/png');
  assert.equal(sniffImageType(Buffer.from('MZ\x90\x00 this is a windows program')), null);
});

for (const engine of engines()) {
  describe(`photo upload on ${engine}`, () => {
    let t: TestApp;
    let signedIn: ReturnType<typeof client>;
    let host: string;

    before(async () => {
      t = await testApp(engine, { MAX_UPLOAD_MB: '2' });
      const tenant = await makeTenant(t.database.db);
      host = `${tenant.slug}.localhost`;
      const seller = await makeStaff(t.database.db, tenant.id, 'seller');
      signedIn = client(t.app, host);
      await signedIn.post('/api/auth/password', { phone: seller.phone, password: seller.password });
    });
    after(() => t.close());

    const upload = (browser: ReturnType<typeof client>, bytes: Buffer, name: string, type: string) => {
      const { payload, headers } = multipartFile(bytes, name, type);
      return browser.post('/api/media', payload, headers);
    };

    test('a photo is stored upright, shrunk to 1600 px, with a 320 px thumbnail', async () => {
      const response = await upload(signedIn, await photo(3000, 2000), 'cabai.jpg', 'image/jpeg');
      assert.equal(response.statusCode, 201, response.body);
      const { media } = response.json();
      assert.deepEqual([media.width, media.height, media.mime], [1600, 1067, 'image/webp']);
      const full = await signedIn.get(media.url);
      assert.equal(full.headers['content-type'], 'image/webp');
      const thumb = await signedIn.get(media.thumbUrl);
      const meta = await sharp(thumb.rawPayload).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 320, 213]);
    });

    test('an .exe renamed .jpg is refused and nothing is stored', async () => {
      const response = await upload(signedIn, Buffer.from('MZ\x90\x00fake program'.repeat(50)), 'foto.jpg', 'image/jpeg');
      assert.equal(response.statusCode, 415);
      assert.equal(response.json().error.message, 'Berkas ini bukan foto JPEG, PNG atau WebP.');
      const rows = await t.database.db.selectFrom('media').select('id').execute();
      assert.equal(rows.length, 1); // only the photo from the previous test
    });

    test('a file over the size limit is refused with the limit in the message', async () => {
      const response = await upload(signedIn, Buffer.alloc(3 * 1024 * 1024, 0xff), 'besar.jpg', 'image/jpeg');
      assert.equal(response.statusCode, 413);
      assert.equal(response.json().error.message, 'Berkas terlalu besar. Maksimal 2 MB.');
    });

    test('only signed-in people upload, and photos are not visible from another tenant', async () => {
      const anonymous = await upload(client(t.app, host), await photo(10, 10), 'a.jpg', 'image/jpeg');
      assert.equal(anonymous.statusCode, 401);
      const mine = (await upload(signedIn, await photo(10, 10, 'png'), 'b.png', 'image/png')).json().media;
      const other = await makeTenant(t.database.db);
      const elsewhere = await client(t.app, `${other.slug}.localhost`).get(mine.url);
      assert.equal(elsewhere.statusCode, 404);
    });
  });
}
