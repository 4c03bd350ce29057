import { useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, isApiError } from '../api';
import { FormAlert, fieldError, TextField } from '../forms';
import { formatRupiah, type Lang, type Translate, useLang, useT } from '../i18n';
import type { MessageKey } from '../messages';
import { useTenant } from '../session';
import { ProgramSelect, useChosenProgram, useDateTime } from '../staff/parts';
import { ErrorBoundary, ErrorState, Loading } from '../ui';
import { DayTable, MarketTable, MonthTable, SellerTable } from './ReportTables';
import './reports.css';
import type { ChartPoint } from './SalesChart';
import {
  countText,
  currentMonth,
  dayLabel,
  daysOf,
  isMonth,
  longMonthLabel,
  MAX_MONTHS,
  monthCount,
  monthLabel,
  type Preset,
  presetRange,
  presets,
  type SalesReport,
} from './salesReport';

// uPlot is loaded only when a report with sales is on screen, not with the rest of the admin console.
const SalesChart = lazy(() => import('./SalesChart'));

const reportKey = ['admin', 'sales-report'] as const;
const reportApi = (programId: string, from: string, to: string, suffix = '') =>
  `/api/admin/programs/${encodeURIComponent(programId)}/reports/sales${suffix}?from=${from}&to=${to}`;

/** The period in the address (?dari=2026-01&sampai=2026-11), so a report can be shared; this month by default. */
function usePeriod(timeZone: string | undefined) {
  const [params, setParams] = useSearchParams();
  const thisMonth = currentMonth(timeZone);
  const to = params.get('sampai');
  const from = params.get('dari');
  const period = {
    to: isMonth(to) ? to : isMonth(from) && from > thisMonth ? from : thisMonth,
    from: isMonth(from) ? from : isMonth(to) ? to : thisMonth,
  };
  // The other parameters (the program) stay as they are.
  const search = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(change)) next.set(key, value);
    return next.toString();
  };
  const show = (range: { from: string; to: string }) => setParams(search({ dari: range.from, sampai: range.to }));
  return { ...period, thisMonth, search, show, setParams };
}

type Period = ReturnType<typeof usePeriod>;

const presetLabel: Record<Preset, MessageKey> = {
  thisMonth: 'reports.preset.thisMonth',
  last3: 'reports.preset.last3',
  thisYear: 'reports.preset.thisYear',
};

function rangeLabel(from: string, to: string, lang: Lang) {
  return from === to ? longMonthLabel(from, lang) : `${monthLabel(from, lang)} – ${monthLabel(to, lang)}`;
}

/** What is wrong with a typed-in range, per field: the server checks the same. */
function checkRange(t: Translate, from: string, to: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isMonth(from)) errors.from = t('reports.monthFormat');
  if (!isMonth(to)) errors.to = t('reports.monthFormat');
  if (errors.from || errors.to) return errors;
  if (to < from) errors.to = t('reports.toBeforeFrom');
  else if (monthCount(from, to) > MAX_MONTHS) errors.to = t('reports.tooLong', { months: MAX_MONTHS });
  return errors;
}

/** Bulan ini, 3 bulan terakhir, Tahun ini as links; any other range typed in, month by month. */
function PeriodPicker({ period, error }: { period: Period; error: unknown }) {
  const t = useT();
  const { from, to, thisMonth } = period;
  const chosen = presets.find((preset) => {
    const range = presetRange(preset, thisMonth);
    return range.from === from && range.to === to;
  });
  const [draft, setDraft] = useState({ from, to });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const serverRefused = isApiError(error, 400);
  const errorFor = (field: string) => fieldError(serverRefused ? error : null, field, clientErrors);

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = checkRange(t, draft.from, draft.to);
    setClientErrors(errors);
    if (Object.keys(errors).length === 0) period.show(draft);
  }

  return (
    <div className="report-period">
      <nav className="tabs" aria-label={t('reports.period')}>
        {presets.map((preset) => {
          const range = presetRange(preset, thisMonth);
          return (
            <Link
              key={preset}
              to={{ search: period.search({ dari: range.from, sampai: range.to }) }}
              aria-current={preset === chosen ? 'page' : undefined}
            >
              {t(presetLabel[preset])}
            </Link>
          );
        })}
      </nav>
      <details className="report-custom" open={!chosen || serverRefused || undefined}>
        <summary>{t('reports.custom')}</summary>
        <form className="form report-range" onSubmit={submit} noValidate>
          <div className="row row-fields">
            <TextField
              label={t('reports.from')}
              type="month"
              value={draft.from}
              max={thisMonth}
              onChange={(event) => setDraft((d) => ({ ...d, from: event.target.value }))}
              error={errorFor('from')}
            />
            <TextField
              label={t('reports.to')}
              type="month"
              value={draft.to}
              onChange={(event) => setDraft((d) => ({ ...d, to: event.target.value }))}
              error={errorFor('to')}
            />
          </div>
          {serverRefused && <FormAlert error={error} fields={['from', 'to']} />}
          <div className="row">
            <button type="submit" className="button">
              {t('reports.show')}
            </button>
          </div>
        </form>
      </details>
    </div>
  );
}

/** Grey shapes where the figures will be: the report can take a few seconds on a slow phone. */
function ReportSkeleton() {
  const t = useT();
  return (
    <div className="report-skeleton" aria-busy="true">
      <div className="loading" role="status">
        <span className="spinner" aria-hidden="true" />
        {t('reports.loading')}
      </div>
      <div className="kpis" aria-hidden="true">
        {['goods', 'orders', 'average', 'customers', 'sellers', 'fees'].map((name) => (
          <div key={name} className={`kpi kpi-${name} skeleton`} />
        ))}
      </div>
      <div className="sales-chart-frame skeleton" aria-hidden="true" />
    </div>
  );
}

function Kpi({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <div className={`kpi kpi-${name}`}>
      <dt>{label}</dt>
      <dd className="money">{value}</dd>
    </div>
  );
}

/** The bars: every day of a one-month report (quiet days as gaps), else every month. */
function chartPoints(report: SalesReport, lang: Lang): ChartPoint[] {
  if (report.from === report.to) {
    const sold = new Map(report.days.map((day) => [day.day, day.goods]));
    return daysOf(report.from).map((day) => ({
      axis: String(Number(day.slice(8))),
      label: dayLabel(day, lang),
      value: sold.get(day) ?? 0,
    }));
  }
  const years = new Set(report.months.map((row) => row.month.slice(0, 4))).size;
  const month = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { month: 'short', timeZone: 'UTC' });
  return report.months.map((row) => {
    const date = new Date(`${row.month}-01T00:00:00Z`);
    // Across years the axis needs the year too: "Jan 27".
    const axis = years > 1 ? `${month.format(date)} ${row.month.slice(2, 4)}` : month.format(date);
    return { axis, label: monthLabel(row.month, lang), value: row.goods };
  });
}

function OpenOrders({ open }: { open: SalesReport['open'] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <section aria-labelledby="report-open">
      <h2 id="report-open">{t('reports.openTitle')}</h2>
      <p className="hint">{t('reports.openHint')}</p>
      <dl className="open-orders">
        {(
          [
            ['reports.open.awaitingPayment', open.awaitingPayment],
            ['reports.open.inProgress', open.inProgress],
            ['reports.open.delivered', open.delivered],
          ] as const
        ).map(([label, count]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{countText(count, lang)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ReportBody({ report }: { report: SalesReport }) {
  const t = useT();
  const { lang } = useLang();
  const when = useDateTime();
  const { totals } = report;
  const single = report.from === report.to;
  const points = useMemo(() => chartPoints(report, lang), [report, lang]);
  const chartTitle = single ? t('reports.chart.daily', { month: longMonthLabel(report.from, lang) }) : t('reports.chart.monthly');

  return (
    <>
      <div className="report-head">
        <div>
          <h2 className="report-range-title">{rangeLabel(report.from, report.to, lang)}</h2>
          <p className="hint">{t('reports.generatedAt', { time: when(report.generatedAt) })}</p>
        </div>
        <a className="button button-secondary button-small" href={reportApi(report.programId, report.from, report.to, '.xlsx')} download>
          {t('reports.download')}
        </a>
      </div>

      {totals.orders === 0 ? (
        <p className="notice" role="status">
          {t('reports.empty')}
        </p>
      ) : (
        <>
          <dl className="kpis">
            <Kpi name="goods" label={t('reports.kpi.goods')} value={formatRupiah(totals.goods)} />
            <Kpi name="orders" label={t('reports.kpi.orders')} value={countText(totals.orders, lang)} />
            <Kpi name="average" label={t('reports.kpi.average')} value={formatRupiah(totals.averageOrder)} />
            <Kpi name="customers" label={t('reports.kpi.customers')} value={countText(totals.customers, lang)} />
            <Kpi name="sellers" label={t('reports.kpi.sellers')} value={countText(totals.sellers, lang)} />
            <Kpi name="fees" label={t('reports.kpi.fees')} value={formatRupiah(totals.fees)} />
          </dl>
          <p className="hint report-note">{t('reports.note', { timeZone: report.timeZone })}</p>

          <h2>{chartTitle}</h2>
          <div className={single ? 'report-chart report-chart-beside' : 'report-chart'}>
            <div className="sales-chart-frame">
              <ErrorBoundary>
                <Suspense fallback={<div className="sales-chart-placeholder">{t('reports.chartLoading')}</div>}>
                  <SalesChart points={points} lang={lang} hint={t('reports.chartHint')} />
                </Suspense>
              </ErrorBoundary>
            </div>
            {/* The chart's figures as text; across months the monthly table below carries them. */}
            {single && <DayTable report={report} label={chartTitle} />}
          </div>

          <h2>{t('reports.monthsTitle')}</h2>
          <MonthTable report={report} label={t('reports.monthsTitle')} />

          <h2>{t('reports.sellersTitle')}</h2>
          <p className="hint">{t('reports.sellersHint')}</p>
          <SellerTable report={report} label={t('reports.sellersTitle')} />

          <h2>{t('reports.marketsTitle')}</h2>
          <MarketTable report={report} label={t('reports.marketsTitle')} />
        </>
      )}

      <OpenOrders open={report.open} />
    </>
  );
}

/** /admin/laporan: a program's completed sales over a period, its sellers and markets, and the orders still open. */
export function ReportsPage() {
  const t = useT();
  const tenant = useTenant();
  const { programs, program } = useChosenProgram();
  const period = usePeriod(tenant.data?.tenant.timeZone);
  const { from, to } = period;
  const report = useQuery({
    queryKey: [...reportKey, program?.id, from, to],
    queryFn: () => api.get<{ report: SalesReport }>(reportApi(program?.id ?? '', from, to)),
    enabled: program !== undefined,
  });

  if (tenant.isPending) return <Loading />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  return (
    <section>
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.intro')}</p>
      {!program ? (
        <p className="muted">{t('home.noPrograms')}</p>
      ) : (
        <>
          <ProgramSelect
            programs={programs}
            value={program.id}
            onChange={(programId) => period.setParams(period.search({ program: programId }))}
          />
          {/* Keyed by the period: the typed-in months follow a preset or a shared link. */}
          <PeriodPicker key={`${from}:${to}`} period={period} error={report.error} />
          {report.isPending ? (
            <ReportSkeleton />
          ) : report.error ? (
            // A refused range is shown at the month fields above.
            !isApiError(report.error, 400) && <ErrorState error={report.error} onRetry={() => void report.refetch()} />
          ) : (
            <ReportBody report={report.data.report} />
          )}
        </>
      )}
    </section>
  );
}
