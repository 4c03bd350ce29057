import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api';
import { SelectField } from '../forms';
import { useT } from '../i18n';
import type { ExpiringCertificate } from '../seller/api';
import { certificateKindLabel, expiryText, statusLabel } from '../seller/labels';
import { ErrorState, Loading } from '../ui';

const WINDOWS = [30, 60, 90];

/** /admin/sertifikat: P-IRT, halal and BPOM certificates that expire soon or already have. */
export function CertificatesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('hari')) || 30;
  const expiring = useQuery({
    queryKey: ['admin', 'certificates', days],
    queryFn: () => api.get<{ certificates: ExpiringCertificate[] }>(`/api/admin/certificates/expiring?days=${days}`),
  });

  return (
    <>
      <h1>{t('curation.certificates')}</h1>
      <p>{t('curation.certificatesIntro')}</p>
      <div className="filters">
        <SelectField label={t('curation.window')} value={String(days)} onChange={(e) => setParams({ hari: e.target.value })}>
          {WINDOWS.map((n) => (
            <option key={n} value={n}>
              {t('curation.withinDays', { days: n })}
            </option>
          ))}
        </SelectField>
      </div>
      {expiring.isPending ? (
        <Loading />
      ) : expiring.error ? (
        <ErrorState error={expiring.error} onRetry={() => void expiring.refetch()} />
      ) : expiring.data.certificates.length === 0 ? (
        <p className="muted">{t('curation.noneExpiring')}</p>
      ) : (
        <ul className="cards">
          {expiring.data.certificates.map((certificate) => (
            <li key={certificate.id} className="card">
              <div className="card-head">
                <h2 className="card-title">
                  <Link to={`/admin/penjual/${certificate.sellerId}`}>{certificate.businessName}</Link>
                </h2>
                <span className={(certificate.daysLeft ?? 0) < 0 ? 'badge badge-danger' : 'badge badge-warn'}>
                  {expiryText(t, certificate)}
                </span>
              </div>
              <p>
                {certificateKindLabel(t, certificate.kind)} <span className="code">{certificate.number}</span>
              </p>
              <p className="muted">{statusLabel(t, certificate.sellerStatus)}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
