import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { FormAlert, fieldError, SelectField, TextField } from '../forms';
import { useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { COMMODITIES, parseRupiah, type ReferencePrice, unitLabel } from '../storefront/catalog';
import { ReferenceBoard } from '../storefront/ReferenceBoard';
import { ErrorState, Loading } from '../ui';

const referenceKey = ['admin', 'reference-prices'] as const;

/** A date in the regency's zone as YYYY-MM-DD (en-CA formats that way). */
const dateIn = (timeZone: string | undefined, date = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** Today's board for one market: a price box per staple, filled with what is published already. */
function PublishForm({ marketId, date, board }: { marketId: string; date: string; board: ReferencePrice[] }) {
  const t = useT();
  const { lang } = useLang();
  const queryClient = useQueryClient();
  const [prices, setPrices] = useState<Record<string, string>>(() =>
    Object.fromEntries(board.filter((p) => p.date === date).map((p) => [p.commodity, String(p.price)])),
  );
  const [invalid, setInvalid] = useState<string[]>([]);
  const filled = COMMODITIES.filter((c) => prices[c.slug]?.trim());

  const publish = useMutation({
    mutationFn: (body: unknown) => api.post<{ prices: ReferencePrice[] }>('/api/admin/reference-prices', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: referenceKey }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const bad = filled.filter((c) => parseRupiah(prices[c.slug] ?? '') === null).map((c) => c.slug);
    setInvalid(bad);
    if (bad.length > 0 || filled.length === 0) return publish.reset();
    publish.mutate({ marketId, date, prices: filled.map((c) => ({ commodity: c.slug, price: parseRupiah(prices[c.slug] ?? '') })) });
  }

  // Server errors name the row sent ("prices.2.price"); show them under that staple's box.
  const errorFor = (slug: string) =>
    invalid.includes(slug)
      ? t('catalog.priceFormat')
      : fieldError(publish.error, `prices.${filled.findIndex((c) => c.slug === slug)}.price`);
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="price-inputs">
        {COMMODITIES.map((c) => (
          <TextField
            key={c.slug}
            label={`${c[lang]} (${t('catalog.perUnit', { unit: unitLabel(t, c.unit) })})`}
            inputMode="numeric"
            value={prices[c.slug] ?? ''}
            onChange={(event) => setPrices((p) => ({ ...p, [c.slug]: event.target.value }))}
            error={errorFor(c.slug)}
          />
        ))}
      </div>
      <FormAlert error={publish.error} fields={filled.map((_, i) => `prices.${i}.price`)} />
      {publish.isSuccess && (
        <p className="notice notice-ok" role="status">
          {t('catalog.published', { count: publish.data.prices.length })}
        </p>
      )}
      <button type="submit" className="button" disabled={publish.isPending || filled.length === 0}>
        {t('catalog.publish')}
      </button>
    </form>
  );
}

/** /admin/harga-acuan: publish the day's reference prices per market; the history and its CSV. */
export function ReferencePricesPage() {
  const t = useT();
  const tenant = useTenant();
  const today = dateIn(tenant.data?.tenant.timeZone);
  const markets = tenant.data?.markets ?? [];
  const [marketId, setMarketId] = useState('');
  const [date, setDate] = useState(today);
  // Reference prices are mostly for traditional markets: start with one.
  const market = marketId || (markets.find((m) => m.kind === 'traditional_market') ?? markets[0])?.id || '';
  const from = dateIn(tenant.data?.tenant.timeZone, new Date(Date.now() - 30 * 86_400_000));

  const board = useQuery({
    queryKey: [...referenceKey, 'board', market, date],
    queryFn: () =>
      api.get<{ prices: ReferencePrice[] }>(`/api/catalog/reference-prices?${new URLSearchParams({ marketId: market, date })}`),
    enabled: market !== '',
  });
  const range = new URLSearchParams({ marketId: market, from, to: today });
  const history = useQuery({
    queryKey: [...referenceKey, 'history', market, from],
    queryFn: () => api.get<{ prices: ReferencePrice[] }>(`/api/admin/reference-prices?${range}`),
    enabled: market !== '',
  });

  if (tenant.isPending) return <Loading />;
  if (markets.length === 0) return <p className="muted">{t('admin.noMarkets')}</p>;
  return (
    <>
      <h1>{t('catalog.referenceTitle')}</h1>
      <p>{t('catalog.referenceIntro')}</p>
      <div className="row row-fields">
        <SelectField label={t('shop.market')} value={market} onChange={(event) => setMarketId(event.target.value)}>
          {markets.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('catalog.date')}
          type="date"
          max={today}
          value={date}
          onChange={(event) => setDate(event.target.value || today)}
        />
      </div>
      {board.isPending ? (
        <Loading />
      ) : board.error ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        // A fresh form per market and day, filled from that day's board.
        <PublishForm key={`${market}-${date}`} marketId={market} date={date} board={board.data.prices} />
      )}

      <h2>{t('catalog.history')}</h2>
      <p>
        <a className="button button-secondary" href={`/api/admin/reference-prices/export.csv?${range}`} download>
          {t('catalog.exportCsv')}
        </a>
      </p>
      {history.isPending ? (
        <Loading />
      ) : history.error ? (
        <ErrorState error={history.error} />
      ) : (
        <ReferenceBoard prices={history.data.prices} empty={t('catalog.noHistory')} />
      )}
    </>
  );
}
