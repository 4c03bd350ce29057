import { todayIn } from '../../../src/shared/dates';
import { useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { formatDay } from '../storefront/catalog';

/** "Diantar Senin, 24 Nov": only for an order that waits for a later market day, not for today's. */
export function DeliverOn({ date }: { date: string | null }) {
  const t = useT();
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone ?? 'Asia/Jakarta';
  if (!date || date <= todayIn(timeZone)) return null;
  return <p className="deliver-on">{t('courier.deliverOn', { date: formatDay(date, lang, true) })}</p>;
}
