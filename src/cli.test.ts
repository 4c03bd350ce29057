import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { loadConfig } from './config.ts';
import { openPGlite } from './db/database.ts';
import { buildApp } from './http/app.ts';
import { client } from './test/app.ts';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lokapasar-cli-'));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['src/cli.ts', ...args], {
      cwd: path.join(import.meta.dirname, '..'),
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('operator CLI', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  test('tenant create makes a regency whose admin invite works', async () => {
    const created = await cli('tenant', 'create', '--slug', 'brebes', '--name', 'Kabupaten Brebes', '--area', '33.29', '--json');
    assert.equal(created.code, 0, created.stderr);
    const out = JSON.parse(created.stdout);
    assert.equal(out.tenant.slug, 'brebes');
    assert.equal(out.officialName, 'Kabupaten Brebes');
    const token = out.adminInviteUrl.match(/\/undangan\/([\w-]+)$/)?.[1];
    assert.ok(token, out.adminInviteUrl);

    // The new regency answers on its host, and the invite makes its first admin.
    const database = await openPGlite({ dataDir });
    const app = await buildApp(loadConfig({ NODE_ENV: 'test', DEMO: 'true', WEB_DIR: '/nonexistent' }), database);
    try {
      const browser = client(app, 'brebes.localhost');
      assert.equal((await browser.get('/api/tenant')).json().tenant.name, 'Kabupaten Brebes');
      const accepted = await browser.post(`/api/invites/${token}/accept`, {
        name: 'Admin Brebes',
        phone: '0812-9000-0001',
        password: 'brebes-maju-2026',
      });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.deepEqual(accepted.json().roles, ['program_admin']);
      assert.equal((await browser.get('/api/admin/markets')).statusCode, 200);
    } finally {
      await app.close();
      await database.close();
    }
  });

  test('bad input exits non-zero with a message a person can act on', async () => {
    const duplicate = await cli('tenant', 'create', '--slug', 'brebes', '--name', 'Kabupaten Brebes', '--area', '33.29', '--json');
    assert.equal(duplicate.code, 2);
    assert.match(JSON.parse(duplicate.stdout).error.message, /slug: This slug is already used/);

    const takenDomain = await cli(
      'tenant',
      'create',
      '--slug',
      'tegal',
      '--name',
      'Kabupaten Tegal',
      '--area',
      '33.28',
      '--domain',
      'pasar.example.id',
    );
    assert.equal(takenDomain.code, 0, takenDomain.stderr);
    const sameDomain = await cli(
      'tenant',
      'create',
      '--slug',
      'pemalang',
      '--name',
      'Kabupaten Pemalang',
      '--area',
      '33.27',
      '--domain',
      'PASAR.example.id',
    );
    assert.equal(sameDomain.code, 2);
    assert.match(sameDomain.stderr, /domains: This domain is already used by another region/);

    const unknownArea = await cli('tenant', 'create', '--slug', 'atlantis', '--name', 'Kabupaten Atlantis', '--area', '99.99');
    assert.equal(unknownArea.code, 2);
    assert.match(unknownArea.stderr, /--area 99\.99 is not a Kemendagri regency or city code/);

    const malformed = await cli('tenant', 'create', '--slug', 'Bad Slug', '--name', 'K', '--area', '3329');
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--slug: Use lowercase/);
    assert.match(malformed.stderr, /--area: Not a valid Kemendagri area code/);

    const unknown = await cli('frobnicate');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  test('audit and ledger verify report intact books; the sales report rebuilds', async () => {
    const verified = await cli('audit', 'verify', '--json');
    assert.equal(verified.code, 0, verified.stderr);
    const out = JSON.parse(verified.stdout);
    assert.equal(out.ok, true);
    assert.ok(out.results.find((r: { slug: string; rows: number }) => r.slug === 'brebes' && r.rows >= 2));
    const ledger = await cli('ledger', 'verify', '--tenant', 'brebes', '--json');
    assert.equal(ledger.code, 0, ledger.stderr);
    assert.deepEqual(
      JSON.parse(ledger.stdout).results.map((r: { slug: string; ok: boolean }) => [r.slug, r.ok]),
      [['brebes', true]],
    );
    // A regency with no completed orders yet rebuilds to an empty report.
    const rebuilt = await cli('reports', 'rebuild', '--tenant', 'brebes', '--json');
    assert.equal(rebuilt.code, 0, rebuilt.stderr);
    assert.deepEqual(JSON.parse(rebuilt.stdout).results, [{ slug: 'brebes', orders: 0 }]);
    const unknown = await cli('ledger', 'verify', '--tenant', 'atlantis');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no tenant with slug "atlantis"/);
  });

  test('order parse prints one JSON line per item of a shopping list', async () => {
    const { stdout } = await cli('order', 'parse', 'bawang merah 1/2 kg\ncabe merah 5rb, tempe 2 papan');
    assert.deepEqual(
      stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
      [
        { text: 'bawang merah 1/2 kg', name: 'bawang merah', quantity: 0.5, unit: 'kg', grams: 500, amount_rupiah: null, note: null },
        { text: 'cabe merah 5rb', name: 'cabe merah', quantity: null, unit: null, grams: null, amount_rupiah: 5000, note: null },
        { text: 'tempe 2 papan', name: 'tempe', quantity: 2, unit: 'papan', grams: null, amount_rupiah: null, note: null },
      ],
    );
  });

  test('qris tools print the dynamic payload and the fields of a payload', async () => {
    const vectors = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'test/vectors/qris.json'), 'utf8'));
    const [vector] = vectors.static_to_dynamic;
    const dynamic = await cli('qris', 'dynamic', '--amount', String(vector.amount), vector.static);
    assert.equal(dynamic.code, 0, dynamic.stderr);
    assert.equal(dynamic.stdout.trim(), vector.dynamic);

    const parsed = await cli('qris', 'parse', vector.dynamic, '--json');
    assert.equal(parsed.code, 0, parsed.stderr);
    assert.deepEqual(JSON.parse(parsed.stdout), {
      merchant_name: 'Warung Sayur Bu Sugeng',
      city: 'Kab. Demak',
      postal_code: '59567',
      mcc: '5812',
      nmid: 'ID1020017611473',
      point_of_initiation: 'dynamic',
      amount: vector.amount,
      crc: vector.dynamic.slice(-4),
      crc_valid: true,
    });

    const tampered = await cli('qris', 'parse', vectors.invalid[0].payload, '--json');
    assert.equal(tampered.code, 1);
    assert.equal(JSON.parse(tampered.stdout).crc_valid, false);
    const truncated = await cli('qris', 'parse', vectors.invalid[2].payload);
    assert.equal(truncated.code, 2);
    assert.match(truncated.stderr, /not a QRIS payload/);
    const fraction = await cli('qris', 'dynamic', '--amount', '12.5', vector.static);
    assert.equal(fraction.code, 2);
    assert.match(fraction.stderr, /--amount must be whole rupiah/);
  });
});
