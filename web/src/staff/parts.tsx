import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { OrderLine } from '../api';
import { SelectField, TextField } from '../forms';
import { formatDateTime, formatPhone, formatRupiah, useLang, useT, whatsappLink } from '../i18n';
import { useTenant } from '../session';
import { quantityText } from '../storefront/catalog';

// Small pieces the seller, CS and courier pages share.

/** The program an admin page works on, kept in ?program= so a reload keeps it; the first by default. */
export function useChosenProgram() {
  const [params, setParams] = useSearchParams();
  const programs = useTenant().data?.programs ?? [];
  const program = programs.find((p) => p.id === params.get('program')) ?? programs[0];
  return { programs, program, choose: (programId: string) => setParams({ program: programId }) };
}

/** The program picker, shown only when the regency runs more than one program. */
export function ProgramSelect(props: { programs: { id: string; name: string }[]; value: string; onChange: (programId: string) => void }) {
  const t = useT();
  if (props.programs.length < 2) return null;
  return (
    <div className="payout-program">
      <SelectField label={t('sellers.program')} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        {props.programs.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** ISO time -> a date and time in the regency's time zone. */
export function useDateTime(): (iso: string) => string {
  const { lang } = useLang();
  const timeZone = useTenant().data?.tenant.timeZone;
  return (iso) => formatDateTime(iso, lang, timeZone);
}

type ListedLine = Pick<OrderLine, 'productTitle' | 'variantName' | 'unit' | 'quantityMilli' | 'lineTotal'> & {
  variantId: string | null;
  position?: number;
  finalQuantityMilli?: number | null;
  finalLineTotal?: number | null;
  substituteName?: string | null;
};

/** "0,5 kg Bawang merah — Rp 19.000", one line per item, at the shopper's final figures. */
export function LineList({ lines }: { lines: ListedLine[] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <ul className="order-lines">
      {lines.map((line) => (
        <li key={line.position ?? line.variantId}>
          {quantityText(t, lang, line.finalQuantityMilli ?? line.quantityMilli, line.unit)} {line.substituteName ?? line.productTitle}
          {!line.substituteName && line.variantName && ` (${line.variantName})`} —{' '}
          <span className="money">{formatRupiah(line.finalLineTotal ?? line.lineTotal)}</span>
        </li>
      ))}
    </ul>
  );
}

/** A number to call or message: the phone app and WhatsApp, each a finger-sized link. */
export function PhoneLinks({ phone }: { phone: string }) {
  const t = useT();
  return (
    <span className="phone-links">
      <a href={`tel:${phone}`} className="phone">
        {formatPhone(phone)}
      </a>
      <a href={whatsappLink(phone)} target="_blank" rel="noopener noreferrer">
        {t('cs.whatsapp')}
      </a>
    </span>
  );
}

/**
 * The amount to find in the bank mutation, big. The unique code is what tells two buyers with
 * the same total apart, so it is marked: in the amount itself when it is the last three digits.
 */
export function PaymentAmount({ amount, uniqueCode }: { amount: number; uniqueCode: number }) {
  const t = useT();
  const text = formatRupiah(amount);
  const codeIsTail = uniqueCode > 0 && amount >= 1000 && (amount - uniqueCode) % 1000 === 0;
  return (
    <>
      <p className="amount-big money">
        {codeIsTail ? (
          <>
            {text.slice(0, -3)}
            <mark className="unique-code">{text.slice(-3)}</mark>
          </>
        ) : (
          text
        )}
      </p>
      {uniqueCode > 0 && (
        <p className="muted">
          {t('cs.amountBreakdown', { total: formatRupiah(amount - uniqueCode) })} <mark className="unique-code">{uniqueCode}</mark>
        </p>
      )}
    </>
  );
}

/** The transfer receipt photo: a thumbnail that opens full size. */
export function ProofThumb({ url, orderNumber }: { url: string; orderNumber: string }) {
  const t = useT();
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="proof-thumb">
      <img src={`${url}/thumb`} alt={t('cs.proofOf', { number: orderNumber })} />
    </a>
  );
}

/** A map at the buyer's pin. */
export const mapLink = (lat: number, lng: number) => `https://www.google.com/maps?q=${lat},${lng}`;

/** Turn-by-turn directions to a place, and the same place in whatever map app the phone has. */
export function MapLinks({ lat, lng }: { lat: number; lng: number }) {
  const t = useT();
  return (
    <span className="phone-links">
      <a href={`https://www.google.com/maps/dir/?api=1&destination=${lat},${lng}`} target="_blank" rel="noopener noreferrer">
        {t('courier.directions')}
      </a>
      <a href={`geo:${lat},${lng}`}>{t('courier.mapApp')}</a>
    </span>
  );
}

/**
 * Tabs kept in the address (`?param=value`; the first tab is the bare address), so a reload or
 * a shared link opens the same one. `count` puts a number on a tab, e.g. new orders.
 */
export function Tabs(props: { label: string; param: string; current: string; tabs: { value: string; label: string; count?: number }[] }) {
  const [params] = useSearchParams();
  const search = (value: string, first: boolean) => {
    const next = new URLSearchParams(params);
    if (first) next.delete(props.param);
    else next.set(props.param, value);
    return next.toString();
  };
  return (
    <nav className="tabs" aria-label={props.label}>
      {props.tabs.map((tab, index) => (
        <Link
          key={tab.value}
          to={{ search: search(tab.value, index === 0) }}
          aria-current={tab.value === props.current ? 'page' : undefined}
        >
          {tab.label}
          {tab.count ? <span className="count">{tab.count}</span> : null}
        </Link>
      ))}
    </nav>
  );
}

/**
 * A search kept in the address (`?param=`): `parse` turns what was typed into the value to
 * search for, or null when it is not valid (`invalid` says why). Empty clears the search.
 */
export function SearchForm(props: {
  param: string;
  label: string;
  hint: string;
  invalid: string;
  inputMode: 'numeric' | 'text';
  parse: (text: string) => string | null;
}) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const current = params.get(props.param) ?? '';
  const [text, setText] = useState(current);
  const [error, setError] = useState<string>();

  function apply(typed: string) {
    const value = typed.trim() ? props.parse(typed.trim()) : '';
    setError(value === null ? props.invalid : undefined);
    if (value === null) return;
    setParams((p) => {
      if (value) p.set(props.param, value);
      else p.delete(props.param);
      return p;
    });
  }

  return (
    <form
      className="search-form"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        apply(text);
      }}
      noValidate
    >
      <TextField
        label={props.label}
        hint={props.hint}
        inputMode={props.inputMode}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={error}
      />
      <div className="row">
        <button type="submit" className="button">
          {t('cs.find')}
        </button>
        {current && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setText('');
              apply('');
            }}
          >
            {t('cs.clearFilter')}
          </button>
        )}
      </div>
    </form>
  );
}
