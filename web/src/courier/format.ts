import { formatRupiah, useLang } from '../i18n';
import { useTenant } from '../session';

/** "Rp 23.000" inside a sentence, never broken between "Rp" and the number on a narrow screen. */
export const rupiahInText = (amount: number | bigint) => formatRupiah(amount).replace(' ', '\u00a0');

/** An ISO time as "07.45" on the regency's clock: payments and the buyer's deadlines are today's. */
export function useClock(): (iso: string) => string {
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  return (iso) =>
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}
