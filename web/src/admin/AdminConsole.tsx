import { Route, Routes } from 'react-router';
import { useT } from '../i18n';
import { NotFound } from '../ui';
import { MarketsPage } from './MarketsPage';

/** Program admin console. Markets first; tariffs, sellers and reports follow. */
export default function AdminConsole() {
  const t = useT();
  return (
    <div className="page">
      <p className="eyebrow">{t('admin.title')}</p>
      <Routes>
        <Route index element={<MarketsPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </div>
  );
}
