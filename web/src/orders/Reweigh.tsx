import { api } from '../api';
import { FormAlert } from '../forms';
import { formatRupiah, useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { quantityText } from '../storefront/catalog';
import { type Order, useOrderAction } from './api';
import { formatCountdown, useSecondsLeft } from './countdown';

// The shopper weighed a line well off the order, offers a substitute, or found a titip item
// dearer than its cap: the buyer takes it or leaves the line out, before the deadline (after it
// the program's default applies).

type Line = Order['lines'][number];

/** Whether the buyer still has a question to answer: the page then re-reads itself often. */
export const hasQuestion = (order: Order) => order.lines.some((line) => line.reweighStatus === 'asked');

/** "10:45" in the regency's time zone. */
function useClock(iso: string): string {
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  const format = (zone?: string) =>
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
      new Date(iso),
    );
  try {
    return format(timeZone);
  } catch {
    return format();
  }
}

function Question({ order, line }: { order: Order; line: Line & { decideBy: string } }) {
  const t = useT();
  const { lang } = useLang();
  const secondsLeft = useSecondsLeft(line.decideBy);
  const time = useClock(line.decideBy);
  const decide = useOrderAction(order.id, (path, accept: boolean) =>
    api.post<{ order: Order }>(`${path}/lines/${line.position}/decision`, { accept }),
  );
  const proposed = line.proposedQuantityMilli ?? line.quantityMilli;
  const proposedTotal = formatRupiah(line.proposedLineTotal ?? line.lineTotal);
  const titip = line.kind === 'request';
  // A titip line has no real quantity (one "pcs"): only its price and name matter.
  const question = line.proposedName
    ? t('reweigh.substitute', {
        ordered: line.productTitle,
        offer: titip ? line.proposedName : `${line.proposedName} ${quantityText(t, lang, proposed, line.unit)}`,
        proposedTotal,
      })
    : titip
      ? t('reweigh.overCap', { item: line.productTitle, proposedTotal, cap: formatRupiah(line.lineTotal) })
      : t(proposed < line.quantityMilli ? 'reweigh.less' : proposed > line.quantityMilli ? 'reweigh.more' : 'reweigh.price', {
          proposed: quantityText(t, lang, proposed, line.unit),
          proposedTotal,
          ordered: quantityText(t, lang, line.quantityMilli, line.unit),
          orderedTotal: formatRupiah(line.lineTotal),
        });
  // Something other than what was ordered is refused; a different weight leaves the line out.
  const refuse = line.proposedName || titip ? t('reweigh.refuse') : t('reweigh.remove');

  return (
    <li className="card reweigh-card">
      <h3 className="card-title">
        {line.productTitle}
        {line.variantName && <span className="muted"> · {line.variantName}</span>}
      </h3>
      <p>{question}</p>
      {secondsLeft > 0 ? (
        <p className="countdown">
          {t('reweigh.deadline', { time })}{' '}
          <strong role="timer" className="countdown-time">
            {formatCountdown(secondsLeft)}
          </strong>
        </p>
      ) : (
        <p className="muted">{t('reweigh.timeUp')}</p>
      )}
      <FormAlert error={decide.error} fields={[]} />
      <div className="row">
        <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate(true)}>
          {t('reweigh.accept')}
        </button>
        <button type="button" className="button button-secondary" disabled={decide.isPending} onClick={() => decide.mutate(false)}>
          {refuse}
        </button>
      </div>
    </li>
  );
}

/** One card per line the buyer is asked about, at the top of the order page. */
export function ReweighQuestions({ order }: { order: Order }) {
  const t = useT();
  const asked = order.lines.filter((line): line is Line & { decideBy: string } => line.reweighStatus === 'asked' && line.decideBy !== null);
  if (asked.length === 0) return null;
  return (
    <section aria-labelledby="reweigh-heading">
      <h2 id="reweigh-heading">{t('reweigh.title')}</h2>
      <ul className="cards">
        {asked.map((line) => (
          <Question key={line.position} order={order} line={line} />
        ))}
      </ul>
    </section>
  );
}
