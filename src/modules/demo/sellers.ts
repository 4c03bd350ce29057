import type { Db } from '../../db/database.ts';
import type { Actor, Ctx, TenantRef } from '../../http/context.ts';
import { addDays, todayIn } from '../../shared/dates.ts';
import { ensureUser } from '../identity/users.ts';
import { registerTrader, submitApplication } from '../sellers/applications.ts';
import { addCertificate } from '../sellers/certificates.ts';
import type { TraderInput } from '../sellers/schemas.ts';
import { transitionSeller } from '../sellers/states.ts';

// Demo sellers per demo regency, created through the same use cases as real ones, so the
// demo shows real curation history: events, audit rows and the messages sellers received.

interface DemoTrader {
  program: string;
  name: string;
  owner: string;
  market: string;
  stall: [TraderInput['stallType'], string, string];
  commodities: string;
  category: string;
  /** The demo seller user's phone, or none: registered by staff, told in person. */
  phone?: string;
}

interface DemoUmkm {
  program: string;
  name: string;
  owner: string;
  phone: string;
  areaCode: string;
  address: string;
  category: string;
  /** Approved with a P-IRT expiring soon (on the expiring list); otherwise waiting in the queue. */
  approved: boolean;
}

/** A second stall in Pasar Segamas, so a demo market trip visits two traders. */
export const DEMO_VEGETABLE_SELLER_PHONE = '+6281100000018';

/** The demo seller (Bu Sri) keeps a bumbu stall in every demo regency. */
export const DEMO_SELLER_PHONE = '+6281100000003';
const buSri = (program: string, market: string): DemoTrader => ({
  program,
  name: 'Bumbu Bu Sri',
  owner: 'Sri Rahayu',
  market,
  stall: ['kios', 'A', '12'],
  commodities: 'Bawang merah, bawang putih, cabai, kunyit, jahe, lengkuas',
  category: 'bumbu-dapur',
  phone: DEMO_SELLER_PHONE,
});

const DEMO_SELLERS: Record<string, { traders: DemoTrader[]; umkm: DemoUmkm[] }> = {
  purbalingga: {
    traders: [
      buSri('jujag-jujug', 'Pasar Segamas'),
      {
        program: 'jujag-jujug',
        name: 'Sayur Pak Darto',
        owner: 'Darto',
        market: 'Pasar Segamas',
        stall: ['los', 'B', '3'],
        commodities: 'Kangkung, bayam, kol, wortel, kentang, tomat',
        category: 'sayur',
        phone: DEMO_VEGETABLE_SELLER_PHONE,
      },
    ],
    umkm: [
      {
        program: 'tuka-tuku',
        name: 'Keripik Tempe Mbak Yuni',
        owner: 'Sri Wahyuni',
        phone: '+6281100000011',
        areaCode: '33.03.06.2001',
        address: 'Desa Jompo RT 02/RW 01, Kalimanah',
        category: 'makanan-olahan',
        approved: true,
      },
      {
        program: 'tuka-tuku',
        name: 'Nopia Bu Tini',
        owner: 'Sutini',
        phone: '+6281100000012',
        areaCode: '33.03.05.1006',
        address: 'Jl. Letjen S. Parman 21, Purbalingga Wetan',
        category: 'kue-jajanan',
        approved: false,
      },
    ],
  },
  jember: {
    traders: [
      buSri('pasar-jejaring', 'Pasar Tanjung'),
      {
        program: 'pasar-jejaring',
        name: 'Ikan Segar Cak Hasan',
        owner: 'Hasan',
        market: 'Pasar Tanjung',
        stall: ['los', 'C', '7'],
        commodities: 'Tongkol, bandeng, udang, cumi',
        category: 'ikan',
      },
    ],
    umkm: [
      {
        program: 'pasar-jejaring',
        name: 'Suwar-Suwir Bu Lilik',
        owner: 'Lilik Suryani',
        phone: '+6281100000013',
        areaCode: '35.09.19.1006',
        address: 'Jl. Samanhudi 40, Kepatihan, Kaliwates',
        category: 'kue-jajanan',
        approved: false,
      },
    ],
  },
  purwakarta: {
    traders: [buSri('warung-online', 'Pasar Jumat')],
    umkm: [
      {
        program: 'warung-online',
        name: 'Sambal Maranggi Kang Ujang',
        owner: 'Ujang Suryana',
        phone: '+6281100000014',
        areaCode: '32.14.01.1002',
        address: 'Jl. Kapten Halim 8, Nagri Kaler',
        category: 'makanan-olahan',
        approved: true,
      },
      {
        program: 'warung-online',
        name: 'Simping Teh Euis',
        owner: 'Euis Rohaeti',
        phone: '+6281100000015',
        areaCode: '32.14.01.1001',
        address: 'Gang Simping 3, Nagri Kidul',
        category: 'kue-jajanan',
        approved: false,
      },
    ],
  },
  jepara: {
    traders: [buSri('e-purchasing', 'Sentra Ukir Mulyoharjo')],
    umkm: [
      {
        program: 'e-purchasing',
        name: 'Mebel Ukir Pak Rahmat',
        owner: 'Rahmat Hidayat',
        phone: '+6281100000016',
        areaCode: '33.20.06.2012',
        address: 'Jl. Ukir Mulyoharjo 5',
        category: 'perabot',
        approved: true,
      },
      {
        program: 'e-purchasing',
        name: 'Tenun Troso Bu Siti',
        owner: 'Siti Aminah',
        phone: '+6281100000017',
        areaCode: '33.20.02.2006',
        address: 'Desa Troso RT 05/RW 02, Pecangaan',
        category: 'fesyen',
        approved: false,
      },
    ],
  },
};

/** A plausible (fake) NIK: district code, a birth date, a serial. */
const fakeNik = (areaCode: string, serial: number) => `${areaCode.replaceAll('.', '').slice(0, 6)}410185${String(serial).padStart(4, '0')}`;

const actor = (user: { id: string; name: string; phone: string }, roles: Actor['roles']): Actor => ({
  userId: user.id,
  name: user.name,
  phone: user.phone,
  roles,
  sessionId: 'seed',
});

/** Seeds one demo regency's sellers in one transaction; the demo admin curates them. */
export async function seedDemoSellers(db: Db, tenant: TenantRef, adminPhone: string): Promise<void> {
  const demo = DEMO_SELLERS[tenant.slug];
  if (!demo) return;
  await db.transaction().execute(async (trx) => {
    const programRows = await trx
      .selectFrom('programs')
      .select(['slug', 'id', 'curation_checklist'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    const marketRows = await trx.selectFrom('markets').select(['name', 'id']).where('tenant_id', '=', tenant.id).execute();
    const programs = new Map(programRows.map((r) => [r.slug, r]));
    const markets = new Map(marketRows.map((r) => [r.name, r.id]));
    const programId = (slug: string) => programs.get(slug)?.id ?? '';
    // The demo curator ticks every item of the program's own checklist.
    const allTicked = (slug: string) => Object.fromEntries((programs.get(slug)?.curation_checklist ?? []).map((item) => [item, true]));
    const admin: Ctx = { db: trx, tenant, lang: 'id', actor: actor(await ensureUser(trx, adminPhone), ['program_admin']) };

    for (const trader of demo.traders) {
      await registerTrader(admin, {
        kind: 'trader',
        programId: programId(trader.program),
        businessName: trader.name,
        ownerName: trader.owner,
        marketId: markets.get(trader.market) ?? '',
        stallType: trader.stall[0],
        stallBlock: trader.stall[1],
        stallNumber: trader.stall[2],
        commodities: trader.commodities,
        marketDays: 'Setiap hari',
        categorySlug: trader.category,
        phone: trader.phone,
        checklist: allTicked(trader.program),
        photoIds: [],
        payout: { method: 'cash' },
      });
    }

    for (const [index, umkm] of demo.umkm.entries()) {
      const user = await ensureUser(trx, umkm.phone, umkm.owner);
      const seller = await submitApplication(
        { db: trx, tenant, lang: 'id', actor: actor(user, ['buyer']) },
        {
          kind: 'umkm',
          programId: programId(umkm.program),
          businessName: umkm.name,
          ownerName: umkm.owner,
          nik: fakeNik(umkm.areaCode, index + 1),
          address: umkm.address,
          areaCode: umkm.areaCode,
          categorySlug: umkm.category,
          photoIds: [],
          payout: umkm.approved
            ? { method: 'bank', provider: 'BRI', account: `0123010001${index}2350`, name: umkm.owner }
            : { method: 'cash' },
        },
      );
      if (!umkm.approved) continue;
      const today = todayIn(tenant.timeZone);
      await addCertificate(admin, seller.id, {
        kind: 'pirt',
        number: `2${fakeNik(umkm.areaCode, 7).slice(0, 14)}-27`,
        expiresOn: addDays(today, 20),
      });
      await addCertificate(admin, seller.id, {
        kind: 'halal',
        number: `ID${fakeNik(umkm.areaCode, 9).slice(0, 12)}`,
        expiresOn: addDays(today, 700),
      });
      await transitionSeller(admin, { sellerId: seller.id, action: 'approve', checklist: allTicked(umkm.program) });
    }
  });
}
