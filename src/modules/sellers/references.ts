import type { Ctx } from '../../http/context.ts';
import { AppError, type FieldIssue } from '../../http/errors.ts';
import { areaProblem } from '../../shared/areas.ts';
import { assertMediaExists } from '../media/service.ts';

/**
 * Checks what an application points at: an active program and market of this tenant,
 * an area code that exists inside the tenant's regency, and uploaded photos. All field
 * problems are reported together, before anything is written. Returns the program.
 */
export async function checkReferences(
  ctx: Ctx,
  input: { programId: string; marketId?: string; areaCode?: string; photoIds: string[] },
): Promise<{ name: string; checklist: string[] }> {
  const issues: FieldIssue[] = [];
  const program = await ctx.db
    .selectFrom('programs')
    .select(['name', 'curation_checklist'])
    .where('tenant_id', '=', ctx.tenant.id)
    .where('id', '=', input.programId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!program) issues.push({ field: 'programId', code: 'unknown_program' });

  if (input.marketId) {
    const market = await ctx.db
      .selectFrom('markets')
      .select('id')
      .where('tenant_id', '=', ctx.tenant.id)
      .where('id', '=', input.marketId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!market) issues.push({ field: 'marketId', code: 'unknown_market' });
  }

  if (input.areaCode) {
    const problem = areaProblem(input.areaCode, ctx.tenant.areaCode);
    if (problem) issues.push({ field: 'areaCode', code: problem, params: { regency: ctx.tenant.name } });
  }

  if (issues.length > 0 || !program) throw new AppError('validation_failed', { details: issues });
  if (input.photoIds.length > 0) await assertMediaExists(ctx, input.photoIds, 'photoIds');
  return { name: program.name, checklist: program.curation_checklist };
}
