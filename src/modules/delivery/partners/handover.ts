import type { Ctx } from '../../../http/context.ts';
import { type JobRow, recordJobNote } from '../job-states.ts';

/**
 * A new job goes to the program's delivery partner, if it has one, instead of being offered to
 * couriers; inside the caller's transaction with the job locked. Only the job is marked here:
 * the partner is asked after commit (requests.ts). Returns whether the partner has it.
 *
 * Market trips stay with the program's own couriers: shopping at the stalls, weighing and
 * paying traders from the cash float need the program's shoppers. So do orders paid cash on
 * delivery: a partner does not collect cash for the program.
 */
export async function handToPartner(ctx: Ctx, job: JobRow): Promise<boolean> {
  if (job.kind !== 'delivery') return false;
  const program = await ctx.db
    .selectFrom('programs')
    .select('delivery_partner')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.program_id)
    .executeTakeFirstOrThrow();
  if (!program.delivery_partner) return false;
  const cash = await ctx.db
    .selectFrom('payments')
    .select('id')
    .where('tenant_id', '=', ctx.tenant.id)
    .where('order_id', '=', job.order_id)
    .where('method', '=', 'cod')
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (cash) return false;
  await ctx.db
    .updateTable('delivery_jobs')
    .set({ partner: program.delivery_partner, updated_at: new Date() })
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', job.id)
    .execute();
  job.partner = program.delivery_partner;
  await recordJobNote(ctx, job, `handed_to_partner: ${program.delivery_partner}`);
  return true;
}
