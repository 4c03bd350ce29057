import type { Ctx } from '../../http/context.ts';
import { todayIn } from '../../shared/dates.ts';

// Order numbers CS can read over the phone: JJG-26-000123 = program prefix, year, sequence.

/** The first three consonants of the program's slug (jujag-jujug -> JJG, tuka-tuku -> TKT), else its first letters. */
export function programPrefix(slug: string): string {
  const letters = slug.replace(/[^a-z]/g, '');
  const consonants = letters.replace(/[aeiou]/g, '');
  return (consonants.length >= 3 ? consonants : letters).slice(0, 3).toUpperCase();
}

export function formatOrderNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${String(sequence).padStart(6, '0')}`;
}

/**
 * The next number in this tenant's sequence for the year (in the regency's time zone).
 * The counter row stays locked until the checkout commits, so numbers are unique and a
 * failed checkout gives its number back.
 */
export async function nextOrderNumber(ctx: Ctx, programSlug: string, now = new Date()): Promise<string> {
  const year = Number(todayIn(ctx.tenant.timeZone, now).slice(0, 4));
  const row = await ctx.db
    .insertInto('order_counters')
    .values({ tenant_id: ctx.tenant.id, year, last_number: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'year']).doUpdateSet((eb) => ({ last_number: eb('order_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return formatOrderNumber(programPrefix(programSlug), year, row.last_number);
}
