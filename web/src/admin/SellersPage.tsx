import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { SelectField } from '../forms';
import { formatDateTime, useLang, useT } from '../i18n';
import { adminSellersKey, type QueuePage, sellerStatuses } from '../seller/api';
import { statusBadge, statusLabel } from '../seller/labels';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';

/** /admin/penjual: the curation queue, oldest first, filtered by status and program. */
export function SellersPage() {
  const t = useT();
  const { lang } = useLang();
  const tenant = useTenant();
  const [params, setParams] = useSearchParams();
  // The queue proper is what waits for a decision; "" shows every status.
  const status = params.get('status') ?? 'submitted';
  const program = params.get('program') ?? '';

  const queue = useInfiniteQuery({
    queryKey: [...adminSellersKey, status, program],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({
        ...(status && { status }),
        ...(program && { program }),
        ...(pageParam && { cursor: pageParam }),
      });
      return api.get<QueuePage>(`/api/admin/sellers?${query}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const filter = (key: string) => (event: { target: { value: string } }) =>
    setParams((p) => {
      p.set(key, event.target.value);
      return p;
    });
  const sellers = queue.data?.pages.flatMap((page) => page.sellers) ?? [];

  return (
    <>
      <h1>{t('curation.title')}</h1>
      <p>
        <Link to="/admin/penjual/baru" className="button">
          {t('curation.registerTrader')}
        </Link>
      </p>
      <div className="filters row row-fields">
        <SelectField label={t('curation.filterStatus')} value={status} onChange={filter('status')}>
          <option value="">{t('curation.allStatuses')}</option>
          {sellerStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabel(t, s)}
            </option>
          ))}
        </SelectField>
        {(tenant.data?.programs.length ?? 0) > 1 && (
          <SelectField label={t('sellers.program')} value={program} onChange={filter('program')}>
            <option value="">{t('curation.allPrograms')}</option>
            {tenant.data?.programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {queue.isPending ? (
        <Loading />
      ) : queue.error ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : sellers.length === 0 ? (
        <p className="muted">{t('curation.empty')}</p>
      ) : (
        <ul className="cards">
          {sellers.map((seller) => (
            <li key={seller.id} className="card">
              <div className="card-head">
                <h2 className="card-title">
                  <Link to={`/admin/penjual/${seller.id}`}>{seller.businessName}</Link>
                </h2>
                <span className={statusBadge(seller.status)}>{statusLabel(t, seller.status)}</span>
              </div>
              <p>
                {t(`sellers.kind.${seller.kind}`)} · {seller.ownerName}
              </p>
              <p className="muted">
                {[seller.programName, seller.marketName].filter(Boolean).join(' · ')} ·{' '}
                {formatDateTime(seller.createdAt, lang, tenant.data?.tenant.timeZone)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {queue.hasNextPage && (
        <p>
          <button
            type="button"
            className="button button-secondary"
            disabled={queue.isFetchingNextPage}
            onClick={() => void queue.fetchNextPage()}
          >
            {t('curation.more')}
          </button>
        </p>
      )}
    </>
  );
}
