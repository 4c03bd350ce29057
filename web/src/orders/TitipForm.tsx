import type { TitipInput } from '../../../src/modules/orders/schemas';
import { TextField } from '../forms';
import { formatRupiah, type Translate, useT } from '../i18n';
import { parseRupiah } from '../storefront/catalog';

// "Titip belanja" at checkout: things not in the catalogue that the courier buys at the market,
// each with the buyer's words, an expected price and the most they will pay (which they pay now).

export type TitipDraft = { key: number; text: string; estimate: string; cap: string };

/** The server takes at most this many lines. */
const MAX_TITIP = 10;
let nextKey = 0;

/** What the buyer pays now for the titip lines: their caps, as far as they are typed yet. */
export const titipCapsTotal = (drafts: TitipDraft[]) => drafts.reduce((sum, draft) => sum + (parseRupiah(draft.cap) ?? 0), 0);

/** The lines as checkout sends them, and a message for every field not right yet (named as the server names it). */
export function readTitip(t: Translate, drafts: TitipDraft[]): { requests: TitipInput[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const requests = drafts.map((draft, index) => {
    const field = (name: string) => `requests.${index}.${name}`;
    const estimate = parseRupiah(draft.estimate);
    const cap = parseRupiah(draft.cap);
    if (draft.text.trim().length < 2) errors[field('text')] = t('titip.textTooShort');
    if (estimate === null) errors[field('estimate')] = t('titip.priceFormat');
    if (cap === null) errors[field('cap')] = t('titip.priceFormat');
    else if (estimate !== null && cap < estimate) errors[field('cap')] = t('titip.capBelow');
    return { text: draft.text.trim(), estimate: estimate ?? 0, cap: cap ?? 0 };
  });
  return { requests, errors };
}

/**
 * The titip lines being written. `oneMarket` is false once the quote says the delivered goods
 * come from several markets: the shopper then has no single market to buy them at.
 */
export function TitipFields(props: {
  drafts: TitipDraft[];
  onChange: (drafts: TitipDraft[]) => void;
  maxCap: number;
  oneMarket: boolean;
  errorFor: (field: string) => string | undefined;
}) {
  const { drafts, onChange, errorFor } = props;
  const t = useT();
  const edit = (key: number, change: Partial<TitipDraft>) =>
    onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));

  return (
    <section className="titip" aria-labelledby="titip-heading">
      <h2 id="titip-heading" className="form-heading">
        {t('titip.title')}
      </h2>
      <p className="hint">{t('titip.intro')}</p>
      {!props.oneMarket && <p className="notice">{t('titip.oneMarket')}</p>}
      {errorFor('requests') && <p className="field-error">{errorFor('requests')}</p>}
      {drafts.length > 0 && (
        <ol className="cards titip-lines">
          {drafts.map((draft, index) => (
            <li key={draft.key} className="card titip-line">
              <h3 className="card-title">{t('titip.line', { n: index + 1 })}</h3>
              <TextField
                label={t('titip.text')}
                hint={t('titip.textHint')}
                maxLength={200}
                value={draft.text}
                onChange={(event) => edit(draft.key, { text: event.target.value })}
                error={errorFor(`requests.${index}.text`)}
              />
              <div className="row row-fields">
                <TextField
                  label={t('titip.estimate')}
                  inputMode="numeric"
                  value={draft.estimate}
                  onChange={(event) => edit(draft.key, { estimate: event.target.value })}
                  error={errorFor(`requests.${index}.estimate`)}
                />
                <TextField
                  label={t('titip.cap')}
                  hint={t('titip.capHint', { maximum: formatRupiah(props.maxCap) })}
                  inputMode="numeric"
                  value={draft.cap}
                  onChange={(event) => edit(draft.key, { cap: event.target.value })}
                  error={errorFor(`requests.${index}.cap`)}
                />
              </div>
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => onChange(drafts.filter((other) => other.key !== draft.key))}
              >
                {t('titip.remove')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {drafts.length < MAX_TITIP ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onChange([...drafts, { key: nextKey++, text: '', estimate: '', cap: '' }])}
        >
          {t('titip.add')}
        </button>
      ) : (
        <p className="hint">{t('titip.full', { count: MAX_TITIP })}</p>
      )}
    </section>
  );
}
