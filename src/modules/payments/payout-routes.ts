import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRoles } from '../../http/auth.ts';
import { createPayoutRun, getPayoutRun, listPayoutRuns, payoutCsv, settlePayouts } from './payouts.ts';
import { payoutRunSummary, payoutRunView, staffNote } from './schemas.ts';

const tags = ['payouts'];
const security = [{ session: [] }];
const treasury = requireRoles('treasurer', 'program_admin');
const runParams = z.object({ runId: z.string().max(40) });

/** Paying sellers what the ledger says they are owed: runs, CSV for the bank, settlement. */
export const payoutRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/admin/programs/:programId/payout-runs',
    {
      preHandler: treasury,
      schema: {
        tags,
        security,
        summary: 'Payout runs of a program, newest first',
        params: z.object({ programId: z.string().max(40) }),
        response: { 200: z.object({ runs: z.array(payoutRunSummary) }) },
      },
    },
    async (request) => ({ runs: await listPayoutRuns(request.ctx(), request.params.programId) }),
  );

  app.post(
    '/admin/programs/:programId/payout-runs',
    {
      preHandler: treasury,
      schema: {
        tags,
        security,
        summary: 'Gather what each seller is owed (completed orders, less fees, not yet in a run) into a new run',
        params: z.object({ programId: z.string().max(40) }),
        response: { 201: z.object({ run: payoutRunView }) },
      },
    },
    async (request, reply) => reply.code(201).send({ run: await createPayoutRun(request.ctx(), request.params.programId) }),
  );

  app.get(
    '/admin/payout-runs/:runId',
    {
      preHandler: treasury,
      schema: {
        tags,
        security,
        summary: 'One payout run with its lines',
        params: runParams,
        response: { 200: z.object({ run: payoutRunView }) },
      },
    },
    async (request) => ({ run: await getPayoutRun(request.ctx(), request.params.runId) }),
  );

  app.get(
    '/admin/payout-runs/:runId/csv',
    {
      preHandler: treasury,
      schema: { tags, security, summary: 'The run as CSV for the bank’s bulk transfer or the cash desk', params: runParams },
    },
    async (request, reply) => {
      const run = await getPayoutRun(request.ctx(), request.params.runId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pembayaran-penjual-${run.createdAt.slice(0, 10)}-${run.id}.csv"`)
        .send(payoutCsv(run));
    },
  );

  app.post(
    '/admin/payout-runs/:runId/settle',
    {
      preHandler: treasury,
      schema: {
        tags,
        security,
        summary: 'Mark the run’s pending lines paid (or one payee’s), with the bank or cash reference; posts each payout',
        params: runParams,
        body: staffNote.extend({ payeeId: z.string().max(40).optional() }),
        response: { 200: z.object({ run: payoutRunView }) },
      },
    },
    async (request) => ({
      run: await settlePayouts(request.ctx(), {
        runId: request.params.runId,
        payeeId: request.body.payeeId,
        reference: request.body.reference,
      }),
    }),
  );
};
