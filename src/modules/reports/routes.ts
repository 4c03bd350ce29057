import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRoles } from '../../http/auth.ts';
import { XLSX_MIME } from '../catalog/sheet-file.ts';
import { salesReportXlsx } from './export.ts';
import { salesReport } from './sales.ts';
import { salesReportQuery, salesReport as salesReportView } from './schemas.ts';

const security = [{ session: [] }];
const params = z.object({ programId: z.string().max(40) });
// The dinas reads its program's figures; the treasurer reconciles against them.
const readers = requireRoles('program_admin', 'treasurer', 'platform_admin');

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/admin/programs/:programId/reports/sales',
    {
      preHandler: readers,
      schema: {
        tags: ['admin'],
        security,
        summary: "A program's sales over whole months: completed orders, turnover, customers, sellers, markets",
        params,
        querystring: salesReportQuery,
        response: { 200: z.object({ report: salesReportView }) },
      },
    },
    async (request) => ({ report: await salesReport(request.ctx(), { programId: request.params.programId, ...request.query }) }),
  );
  app.get(
    '/admin/programs/:programId/reports/sales.xlsx',
    {
      preHandler: readers,
      schema: { tags: ['admin'], security, summary: 'The sales report as an Excel workbook', params, querystring: salesReportQuery },
    },
    async (request, reply) => {
      const ctx = request.ctx();
      const report = await salesReport(ctx, { programId: request.params.programId, ...request.query, topSellers: null });
      const name = `laporan-${report.programName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${report.from}-${report.to}.xlsx`;
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(await salesReportXlsx(report, ctx.lang));
    },
  );
};
