import type { CheckoutFigures } from './checkout.ts';
import type { DispatchFigures } from './dispatch.ts';
import type { AssetSize } from './frontend.ts';
import type { LoadResult } from './load.ts';

export interface Row {
  scenario: string;
  engine: string;
  result?: LoadResult;
  startMs?: number;
  target?: string;
  ceilingRatio?: number;
  note?: string;
  checkout?: CheckoutFigures;
  dispatch?: DispatchFigures;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;

function noteOf(row: Row): string {
  if (row.startMs !== undefined) return `${row.startMs} ms`;
  const c = row.checkout;
  if (c) {
    // Orders are counted in the database: a checkout the client gave up on may have committed.
    return (
      `**${c.ordersPerSecond} orders/s**: ${c.orders} orders in the database from ${c.checkouts} checkouts ` +
      `(${c.placed} answered 201, ${c.soldOut} sold out (409), ${c.timedOut} timed out at the client), ` +
      `oversold ${c.oversold} of ${c.variantsChecked} variants`
    );
  }
  const d = row.dispatch;
  if (d) return `${d.jobs} jobs offered one by one among ${d.couriers} couriers on duty (${d.offered} offers made)`;
  return row.note ?? '';
}

/** The Markdown table printed at the end of a run: each figure beside its target. */
export function printReport(rows: Row[], sizes: AssetSize[]) {
  const lines = [
    '| scenario | engine | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU (cores) | peak RSS MB | x ceiling | target | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const r = row.result;
    // Latency measured in-process (dispatch) has no throughput or server columns.
    const latency = r ?? row.dispatch;
    lines.push(
      `| ${row.scenario} | ${row.engine} | ${r?.throughput ?? ''} | ${latency?.p50 ?? ''} | ${latency?.p95 ?? ''} | ${latency?.p99 ?? ''} | ${
        r ? r.errors + r.non2xx : ''
      } | ${r?.serverCpuCores ?? ''} | ${r?.serverPeakRssMb ?? ''} | ${row.ceilingRatio ?? ''} | ${row.target ?? ''} | ${noteOf(row)} |`,
    );
  }
  if (sizes.length) {
    lines.push('', '| asset | raw KB | gzip KB | brotli KB |', '|---|---|---|---|');
    for (const size of sizes) lines.push(`| ${size.area} | ${kb(size.raw)} | ${kb(size.gzip)} | ${kb(size.brotli)} |`);
  }
  console.log(lines.join('\n'));
}
