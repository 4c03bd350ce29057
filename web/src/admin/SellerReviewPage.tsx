import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { formatDateTime, formatPhone, useLang, useT } from '../i18n';
import { adminSellersKey, photoUrl, type Seller, type SellerDetail, thumbUrl } from '../seller/api';
import { CertificateForm, CertificateList } from '../seller/Certificates';
import { categoryLabel, checklistLabel, statusBadge, statusLabel } from '../seller/labels';
import { useTenant } from '../session';
import { ErrorState, Loading } from '../ui';
import { DecisionForm } from './DecisionForm';

function Facts({ seller }: { seller: Seller }) {
  const t = useT();
  const { lang } = useLang();
  const { payout } = seller;
  const stall = [seller.stallBlock, seller.stallNumber].filter(Boolean).join('-');
  const kindRows: [string, string | null][] =
    seller.kind === 'umkm'
      ? [
          [t('sellers.nik'), seller.nik],
          [t('sellers.nib'), seller.nib],
          [t('sellers.npwp'), seller.npwp],
          [t('field.address'), seller.address],
          [t('sellers.village'), seller.areaCode && `${seller.areaName ?? ''} (${seller.areaCode})`],
        ]
      : [
          [t('sellers.market'), seller.marketName],
          [t('sellers.stallType'), `${t(`sellers.stall.${seller.stallType ?? 'kios'}`)} ${stall}`],
          [t('sellers.commodities'), seller.commodities],
          [t('sellers.marketDays'), seller.marketDays],
          [t('sellers.nikOptional'), seller.nik],
        ];
  const rows: [string, string | null][] = [
    [t('sellers.ownerName'), seller.ownerName],
    [t('field.phone'), seller.phone && formatPhone(seller.phone)],
    [t('sellers.category'), categoryLabel(lang, seller.categorySlug)],
    ...kindRows,
    [t('sellers.payout'), [t(`sellers.payout.${payout.method}`), payout.provider, payout.account, payout.name].filter(Boolean).join(' · ')],
  ];
  return (
    <dl className="facts facts-stacked">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
    </dl>
  );
}

/** /admin/penjual/:sellerId: everything a curator needs to decide, and the decision. */
export function SellerReviewPage() {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const { sellerId = '' } = useParams();
  const detail = useQuery({
    queryKey: [...adminSellersKey, sellerId],
    queryFn: () => api.get<SellerDetail>(`/api/admin/sellers/${encodeURIComponent(sellerId)}`),
  });
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { seller, events, certificates } = detail.data;

  return (
    <>
      <p>
        <Link to="/admin/penjual" className="small-link">
          {t('curation.backToQueue')}
        </Link>
      </p>
      <div className="card-head">
        <h1>{seller.businessName}</h1>
        <span className={statusBadge(seller.status)}>{statusLabel(t, seller.status)}</span>
      </div>
      <p className="muted">
        {t(`sellers.kind.${seller.kind}`)} · {seller.programName} · {formatDateTime(seller.createdAt, lang, timeZone)}
      </p>
      <Facts seller={seller} />

      {seller.photoIds.length > 0 && (
        <ul className="photos">
          {seller.photoIds.map((id, index) => (
            <li key={id}>
              <a href={photoUrl(id)} target="_blank" rel="noopener noreferrer">
                <img src={thumbUrl(id)} alt={t('sellers.photoN', { n: index + 1 })} />
              </a>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('curation.decision')}</h2>
      <DecisionForm detail={detail.data} />

      <h2>{t('sellers.cert.title', { count: certificates.length })}</h2>
      <CertificateList certificates={certificates} />
      <details>
        <summary>{t('sellers.cert.add')}</summary>
        <CertificateForm sellerId={seller.id} onAdded={() => void detail.refetch()} />
      </details>

      <h2>{t('curation.history')}</h2>
      <ol className="plain-list">
        {events.map((event) => (
          <li key={event.createdAt + event.toStatus}>
            <strong>{statusLabel(t, event.toStatus)}</strong> · {formatDateTime(event.createdAt, lang, timeZone)}
            {event.actorName && ` · ${event.actorName}`}
            {event.reason && <p className="muted">{event.reason}</p>}
            {Object.keys(event.checklist).length > 0 && (
              <p className="muted">
                {Object.entries(event.checklist)
                  .map(([item, ticked]) => `${ticked ? '✓' : '✗'} ${checklistLabel(t, item)}`)
                  .join(', ')}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
