import { Link } from 'react-router';
import { useLang, useT } from '../i18n';
import { ErrorState, Loading } from '../ui';
import { type Certificate, type Seller, useMySellers } from './api';
import { CertificateForm, CertificateList } from './Certificates';
import { categoryLabel, statusBadge, statusLabel } from './labels';

function SellerCard({ seller, certificates, onChanged }: { seller: Seller; certificates: Certificate[]; onChanged: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const place =
    seller.kind === 'trader'
      ? [
          seller.marketName,
          t(`sellers.stall.${seller.stallType ?? 'kios'}`),
          [seller.stallBlock, seller.stallNumber].filter(Boolean).join('-'),
        ]
      : [categoryLabel(lang, seller.categorySlug), seller.areaName];
  return (
    <li className="card">
      <div className="card-head">
        <h2 className="card-title">{seller.businessName}</h2>
        <span className={statusBadge(seller.status)}>{statusLabel(t, seller.status)}</span>
      </div>
      <p className="muted">
        {seller.programName} · {place.filter(Boolean).join(' · ')}
      </p>
      <p>{t(`sellers.statusHelp.${seller.status}`)}</p>
      {seller.lastReason && seller.status !== 'approved' && seller.status !== 'submitted' && (
        <p className="notice">
          {t('sellers.reason')}: {seller.lastReason}
        </p>
      )}
      {seller.status === 'changes_requested' && (
        <Link to={`/penjual/daftar/${seller.id}`} className="button">
          {t('sellers.fix')}
        </Link>
      )}
      {seller.status === 'approved' && (
        <Link to="/penjual/produk" className="button">
          {t('sellers.products')}
        </Link>
      )}
      {seller.status !== 'rejected' && (
        <details>
          <summary>{t('sellers.cert.title', { count: certificates.length })}</summary>
          <CertificateList certificates={certificates} />
          <CertificateForm sellerId={seller.id} onAdded={onChanged} />
        </details>
      )}
    </li>
  );
}

/** /penjual: the status of my applications and shops, and where to go next. */
export function StatusPage() {
  const t = useT();
  const mine = useMySellers();
  if (mine.isPending) return <Loading />;
  if (mine.error) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  const { sellers, certificates } = mine.data;
  return (
    <>
      <h1>{t('seller.title')}</h1>
      {sellers.length === 0 ? (
        <div className="notice">
          <p>{t('sellers.none')}</p>
        </div>
      ) : (
        <ul className="cards">
          {sellers.map((seller) => (
            <SellerCard
              key={seller.id}
              seller={seller}
              certificates={certificates.filter((c) => c.sellerId === seller.id)}
              onChanged={() => void mine.refetch()}
            />
          ))}
        </ul>
      )}
      <p>
        <Link to="/penjual/daftar" className={sellers.length === 0 ? 'button' : 'small-link'}>
          {t(sellers.length === 0 ? 'sellers.applyTitle' : 'sellers.applyAnother')}
        </Link>
      </p>
    </>
  );
}
