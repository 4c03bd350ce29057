import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Navigate } from 'react-router';
import { api, isApiError, type Market } from '../api';
import { useLang, useT } from '../i18n';
import { marketKindLabel } from '../labels';
import { marketScheduleText } from '../storefront/catalog';
import { ErrorState, Loading, NoAccess } from '../ui';
import { adminMarketsKey, MarketForm } from './MarketForm';

/** A market's card; "Ubah" turns it into the form with its values. */
function MarketItem({ market }: { market: Market }) {
  const t = useT();
  const { lang } = useLang();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (editing) {
    return (
      <li className="card">
        <h3>{t('marketForm.editTitle', { name: market.name })}</h3>
        <MarketForm
          market={market}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="card">
      <div className="card-head">
        <h3>{market.name}</h3>
        <span className={market.active ? 'badge' : 'badge badge-off'}>{market.active ? t('admin.active') : t('admin.inactive')}</span>
      </div>
      <dl className="facts">
        <dt>{t('field.kind')}</dt>
        <dd>{marketKindLabel(t, market.kind)}</dd>
        <dt>{t('field.address')}</dt>
        <dd>{market.address}</dd>
        <dt>{t('field.areaCode')}</dt>
        <dd className="code">{market.areaCode}</dd>
        <dt>{t('field.hours')}</dt>
        <dd>{market.hours}</dd>
        <dt>{t('marketForm.days')}</dt>
        <dd>{marketScheduleText(t, lang, market)}</dd>
      </dl>
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('admin.saved', { name: market.name })}
        </p>
      )}
      <button
        type="button"
        className="button button-small button-secondary market-edit"
        onClick={() => {
          setEditing(true);
          setSaved(false);
        }}
      >
        {t('marketForm.edit')}
      </button>
    </li>
  );
}

export function MarketsPage() {
  const t = useT();
  const markets = useQuery({
    queryKey: adminMarketsKey,
    queryFn: () => api.get<{ markets: Market[] }>('/api/admin/markets'),
  });

  // The server decides who is an admin: 401 = not signed in, 403 = no role.
  if (isApiError(markets.error, 401)) return <Navigate to="/masuk/staf?next=/admin" replace />;
  if (isApiError(markets.error, 403)) return <NoAccess />;

  return (
    <>
      <h1>{t('admin.markets')}</h1>
      {markets.isPending ? (
        <Loading />
      ) : markets.error ? (
        <ErrorState error={markets.error} onRetry={() => void markets.refetch()} />
      ) : markets.data.markets.length === 0 ? (
        <p className="muted">{t('admin.noMarkets')}</p>
      ) : (
        <ul className="cards">
          {markets.data.markets.map((market) => (
            <MarketItem key={market.id} market={market} />
          ))}
        </ul>
      )}
      {/* Only offer the form to someone the server let read the list. */}
      {markets.isSuccess && (
        <section aria-labelledby="add-market-heading">
          <h2 id="add-market-heading">{t('admin.addMarket')}</h2>
          <MarketForm />
        </section>
      )}
    </>
  );
}
