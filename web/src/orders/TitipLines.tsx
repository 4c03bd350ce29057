import type { OrderView } from '../api';
import { formatRupiah, useT } from '../i18n';

// The buyer's titip lines on an order, for the buyer and for CS: they have no seller, so no part lists them.

type Line = OrderView['lines'][number];

/** What became of a titip line at the market. */
function Outcome({ line }: { line: Line }) {
  const t = useT();
  switch (line.reweighStatus) {
    case null:
      return <span className="muted">{t('titip.notYet')}</span>;
    case 'asked':
      return <span className="weigh-waiting">{t('titip.asked')}</span>;
    case 'unavailable':
    case 'removed':
      return <strong className="line-gone">{t('reweigh.unavailable')}</strong>;
    default:
      return <strong className="money">{t('titip.spent', { amount: formatRupiah(line.finalLineTotal ?? line.lineTotal) })}</strong>;
  }
}

/**
 * The order's titip lines, if any: the buyer's words (or the substitute they accepted), the
 * expected price and the cap, and what the shopper spent; `note` says how the money works out.
 */
export function TitipSection({ order, note }: { order: OrderView; note?: string }) {
  const t = useT();
  const lines = order.lines.filter((line) => line.kind === 'request');
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby="titip-heading">
      <h2 id="titip-heading">{t('titip.title')}</h2>
      {note && <p className="muted">{note}</p>}
      <ul className="cards">
        {lines.map((line) => (
          <li key={line.position} className="card">
            <h3 className="card-title">
              {line.substituteName
                ? t('reweigh.substituteFor', { name: line.substituteName, original: line.productTitle })
                : line.productTitle}
            </h3>
            <dl className="facts">
              <dt>{t('titip.estimate')}</dt>
              <dd className="money">{formatRupiah(line.estimate ?? 0)}</dd>
              <dt>{t('titip.cap')}</dt>
              <dd className="money">{formatRupiah(line.lineTotal)}</dd>
            </dl>
            <p>
              <Outcome line={line} />
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
