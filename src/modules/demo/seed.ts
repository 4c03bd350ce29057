import type { Db } from '../../db/database.ts';
import { hashPassword } from '../../shared/crypto.ts';
import { newId } from '../../shared/ids.ts';
import type { Role } from '../identity/roles.ts';
import { ensureUser, grantRole } from '../identity/users.ts';
import { crc16, encodeTlv } from '../payments/qris.ts';
import { createTenant } from '../tenancy/create-tenant.ts';
import type { MarketInput } from '../tenancy/schemas.ts';
import { seedDemoProducts } from './products.ts';
import { seedDemoSellers } from './sellers.ts';

/**
 * Demo regencies from the five programs Lokapasar generalises (shared/seeds). Market
 * names are real places; area codes are Kemendagri codes from idn-area-data, given at
 * district level where the exact village is not known.
 */
interface DemoTenant {
  slug: string;
  name: string;
  areaCode: string;
  programs: { slug: string; name: string; description: string; whatsappPhone?: string }[];
  // Demo markets trade every day with no cut-off, so demo orders are delivered at any hour.
  markets: (Omit<MarketInput, 'lat' | 'lng' | 'marketDays' | 'orderCutoff'> & { lat?: number; lng?: number })[];
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'purbalingga',
    name: 'Kabupaten Purbalingga',
    areaCode: '33.03',
    programs: [
      {
        slug: 'jujag-jujug',
        name: 'Jujag-Jujug',
        description: 'Belanja pasar tradisional lewat WhatsApp: barang dipilihkan di pasar dan diantar ojek daring.',
        whatsappPhone: '+6281227611117',
      },
      {
        slug: 'tuka-tuku',
        name: 'Tuka-Tuku',
        description: 'Etalase produk UMKM terkurasi dengan ruang pamer, gudang, pengemasan dan pengiriman.',
      },
    ],
    markets: [
      {
        name: 'Pasar Segamas',
        kind: 'traditional_market',
        address: 'Jl. Jenderal Sudirman, Purbalingga',
        areaCode: '33.03.05',
        lat: -7.3886,
        lng: 109.3637,
        hours: 'Setiap hari 04.00–14.00',
      },
      {
        name: 'Pasar Bobotsari',
        kind: 'traditional_market',
        address: 'Bobotsari, Purbalingga',
        areaCode: '33.03.09.2006',
        lat: -7.3126,
        lng: 109.3525,
        hours: 'Setiap hari 04.00–12.00',
      },
      {
        name: 'Pasar Bukateja',
        kind: 'traditional_market',
        address: 'Bukateja, Purbalingga',
        areaCode: '33.03.02.2012',
        lat: -7.4253,
        lng: 109.4327,
        hours: 'Setiap hari 04.00–12.00',
      },
      { name: 'Galeri UMKM Tuka-Tuku', kind: 'showroom', address: 'Purbalingga', areaCode: '33.03.05', hours: 'Senin–Sabtu 08.00–16.00' },
    ],
  },
  {
    slug: 'jember',
    name: 'Kabupaten Jember',
    areaCode: '35.09',
    programs: [
      {
        slug: 'pasar-jejaring',
        name: 'Pasar Jejaring',
        description:
          'Pedagang pasar tradisional didata agar warga bisa belanja tanpa berkerumun; ojek pangkalan berbelanja dan mengantar. Ongkos Rp 8.000–15.000.',
      },
    ],
    markets: [
      {
        name: 'Pasar Tanjung',
        kind: 'traditional_market',
        address: 'Jl. Samanhudi, Kepatihan, Kaliwates',
        areaCode: '35.09.19.1006',
        lat: -8.1689,
        lng: 113.7005,
        hours: 'Setiap hari 03.00–15.00',
      },
      {
        name: 'Pasar Kreongan',
        kind: 'traditional_market',
        address: 'Patrang, Jember',
        areaCode: '35.09.20',
        hours: 'Setiap hari 04.00–12.00',
      },
    ],
  },
  {
    slug: 'purwakarta',
    name: 'Kabupaten Purwakarta',
    areaCode: '32.14',
    programs: [
      {
        slug: 'warung-online',
        name: 'Warung Online Purwakarta',
        description: 'E-commerce pemerintah dan komunitas UMKM, terbuka untuk semua, disertai stimulus bantuan usaha.',
      },
    ],
    markets: [
      {
        name: 'Pasar Jumat',
        kind: 'traditional_market',
        address: 'Nagri Kidul, Purwakarta',
        areaCode: '32.14.01.1001',
        hours: 'Setiap hari 04.00–13.00',
      },
      { name: 'Pasar Rebo', kind: 'traditional_market', address: 'Purwakarta', areaCode: '32.14.01', hours: 'Setiap hari 04.00–13.00' },
    ],
  },
  {
    slug: 'jepara',
    name: 'Kabupaten Jepara',
    areaCode: '33.20',
    programs: [
      {
        slug: 'e-purchasing',
        name: 'E-Purchasing UMKM Jepara',
        description: 'Satuan kerja Pemkab membeli barang dari UMKM penyedia lewat lokapasar, tanpa monopoli.',
      },
    ],
    markets: [
      {
        name: 'Sentra Ukir Mulyoharjo',
        kind: 'umkm_hub',
        address: 'Mulyoharjo, Jepara',
        areaCode: '33.20.06.2012',
        hours: 'Senin–Sabtu 08.00–17.00',
      },
      {
        name: 'Sentra Tenun Troso',
        kind: 'umkm_hub',
        address: 'Troso, Pecangaan',
        areaCode: '33.20.02.2006',
        hours: 'Senin–Sabtu 08.00–17.00',
      },
    ],
  },
];

export const DEMO_PASSWORD = 'lokapasar-demo';

/** One demo person per role, holding that role in every demo regency. */
export const DEMO_USERS: { phone: string; name: string; role: Role }[] = [
  { phone: '+6281100000001', name: 'Admin Dinas (demo)', role: 'program_admin' },
  { phone: '+6281100000002', name: 'CS Pasar (demo)', role: 'cs_agent' },
  { phone: '+6281100000003', name: 'Bu Sri, Pedagang (demo)', role: 'seller' },
  { phone: '+6281100000004', name: 'Mas Joko, Kurir (demo)', role: 'courier' },
  { phone: '+6281100000005', name: 'Pejabat Pengadaan (demo)', role: 'procurement_officer' },
  { phone: '+6281100000006', name: 'PPK (demo)', role: 'commitment_officer' },
  { phone: '+6281100000007', name: 'Bendahara (demo)', role: 'treasurer' },
  { phone: '+6281100000008', name: 'Warga Pembeli (demo)', role: 'buyer' },
  { phone: '+6281100000009', name: 'Operator Platform (demo)', role: 'platform_admin' },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('tenants')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** A well-formed static merchant QRIS (made-up merchant ids) for a demo program. */
export function demoStaticQris(programName: string, regencyName: string): string {
  const merchantName = programName.slice(0, 25);
  const city = regencyName.replace('Kabupaten ', 'Kab. ').slice(0, 15);
  const body = encodeTlv([
    { tag: '00', value: '01' },
    { tag: '01', value: '11' },
    {
      tag: '26',
      value: encodeTlv([
        { tag: '00', value: 'ID.LOKAPASAR.DEMO' },
        { tag: '01', value: '936000000000000001' },
      ]),
    },
    {
      tag: '51',
      value: encodeTlv([
        { tag: '00', value: 'ID.CO.QRIS.WWW' },
        { tag: '02', value: 'ID1026000000001' },
        { tag: '03', value: 'UMI' },
      ]),
    },
    { tag: '52', value: '5411' },
    { tag: '53', value: '360' },
    { tag: '58', value: 'ID' },
    { tag: '59', value: merchantName },
    { tag: '60', value: city },
  ]);
  return `${body}6304${crc16(`${body}6304`)}`;
}

/**
 * A simulated Cloud API number id, so the WhatsApp simulator can route messages to every demo
 * program: the program's phone digits, or a made-up id unique to the program's place in the list.
 */
function demoNumberId(whatsappPhone: string | undefined, tenantIndex: number, programIndex: number): string {
  return whatsappPhone?.replace(/\D/g, '') ?? `99${String(tenantIndex).padStart(2, '0')}${String(programIndex).padStart(2, '0')}`;
}

/** Creates the demo regencies and people; skips a regency that already exists. */
export async function seedDemo(db: Db): Promise<{ created: string[] }> {
  const created: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [tenantIndex, demo] of DEMO_TENANTS.entries()) {
    const exists = await db.selectFrom('tenants').select('id').where('slug', '=', demo.slug).executeTakeFirst();
    if (exists) continue;
    const { tenant } = await createTenant(db, {
      slug: demo.slug,
      name: demo.name,
      areaCode: demo.areaCode,
      timeZone: 'Asia/Jakarta',
      actorLabel: 'seed demo',
    });
    await db.transaction().execute(async (trx) => {
      const programIds: string[] = [];
      for (const [index, program] of demo.programs.entries()) {
        const programId = newId('prg');
        programIds.push(programId);
        await trx
          .insertInto('programs')
          .values({
            tenant_id: tenant.id,
            id: programId,
            slug: program.slug,
            name: program.name,
            description: program.description,
            whatsapp_phone: program.whatsappPhone ?? null,
            whatsapp_phone_number_id: demoNumberId(program.whatsappPhone, tenantIndex, index),
            // A made-up account and merchant QRIS, so every payment method can be tried.
            payment_methods: '{transfer,qris,gateway,cod}',
            bank_name: 'Bank Jateng',
            bank_account_number: `20031${String(index).padStart(5, '0')}`,
            bank_account_holder: `${program.name} ${demo.name}`.slice(0, 60),
            qris_payload: demoStaticQris(program.name, demo.name),
          })
          .execute();
      }
      for (const market of demo.markets) {
        await trx
          .insertInto('markets')
          .values({
            tenant_id: tenant.id,
            id: newId('mkt'),
            name: market.name,
            kind: market.kind,
            address: market.address,
            area_code: market.areaCode,
            lat: market.lat ?? null,
            lng: market.lng ?? null,
            hours: market.hours,
          })
          .execute();
      }
      for (const person of DEMO_USERS) {
        const user = await ensureUser(trx, person.phone, person.name);
        if (person.role === 'buyer') {
          await grantRole(trx, tenant.id, user.id, 'buyer');
          continue;
        }
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, is_platform_admin: person.role === 'platform_admin' })
          .where('id', '=', user.id)
          .execute();
        await grantRole(trx, tenant.id, user.id, person.role);
        // The demo courier rides for every program, ID already checked; on duty once they say so.
        if (person.role === 'courier') {
          for (const programId of programIds) {
            await trx
              .insertInto('couriers')
              .values({
                tenant_id: tenant.id,
                id: newId('cur'),
                program_id: programId,
                user_id: user.id,
                name: person.name,
                association: 'Paguyuban Ojol Perwira',
                vehicle_plate: 'R 4521 JK',
                id_checked_by: 'seed demo',
                id_checked_at: new Date(),
                located_at: null,
                last_job_at: null,
              })
              .execute();
          }
        }
      }
    });
    // Sellers last: the demo admin above curates them.
    const ref = { id: tenant.id, slug: tenant.slug, name: tenant.name, areaCode: tenant.area_code, timeZone: tenant.time_zone };
    await seedDemoSellers(db, ref, DEMO_USERS.find((u) => u.role === 'program_admin')?.phone ?? '');
    await seedDemoProducts(db, ref, DEMO_USERS.find((u) => u.role === 'program_admin')?.phone ?? '');
    created.push(demo.slug);
  }
  return { created };
}
