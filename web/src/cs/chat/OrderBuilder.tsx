import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, type ReactNode, Suspense, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { linePrice } from '../../../../src/shared/quantity';
import type { FulfilmentMethod, Market } from '../../api';
import { FormAlert, fieldError, SelectField, TextAreaField, TextField } from '../../forms';
import { formatRupiah, type Translate, useT } from '../../i18n';
import { useDeliveryQuote } from '../../orders/api';
import type { LatLng } from '../../orders/PinMap';
import { QuantityStepper } from '../../orders/QuantityStepper';
import { type AreaChoice, AreaPicker } from '../../seller/AreaPicker';
import { useTenant } from '../../session';
import { methodLabel } from '../../staff/labels';
import { priceText } from '../../storefront/catalog';
import {
  type CatalogMatch,
  type ChatMessage,
  type ConversationSummary,
  type CustomerProfile,
  type ParsedLine,
  type PaymentChoice,
  parseOrderText,
  useCreateChatOrder,
} from './api';
// The totals, map and headings look as at the buyer's checkout.
import '../../orders/orders.css';

// Leaflet is big: it loads only when the agent opens the map.
const PinMap = lazy(() => import('../../orders/PinMap'));

const FULFILMENT: FulfilmentMethod[] = ['delivery', 'pickup', 'seller_shipping'];
const PAYMENTS: PaymentChoice[] = ['qris', 'transfer', 'cod'];

/** One line of the order being built: what the customer wrote and the catalogue item chosen for it ('' = none yet). */
type LineDraft = {
  key: string;
  text: string;
  name: string;
  note: string | null;
  matches: CatalogMatch[];
  variantId: string;
  quantityMilli: number;
};

let nextKey = 0;

/** The least quantity the item is sold in (whole steps, at least its minimum) that covers `wanted`. */
function fit(match: CatalogMatch | undefined, wanted: number | null): number {
  if (!match) return 0;
  const steps = Math.ceil((wanted ?? match.minimumMilli) / match.stepMilli);
  return Math.max(match.minimumMilli, steps * match.stepMilli);
}

function draftOf(line: ParsedLine): LineDraft {
  const first = line.matches[0];
  return {
    key: String(nextKey++),
    text: line.text,
    name: line.name ?? '',
    note: line.note,
    matches: line.matches,
    variantId: first?.variantId ?? '',
    quantityMilli: fit(first, line.suggestedQuantityMilli),
  };
}

/** A line names an item when the reader found one; the rest (a greeting, "kirim ke …") are at most notes. */
const isItem = (line: ParsedLine) => Boolean(line.name) || line.matches.length > 0;

const chosenMatch = (draft: LineDraft) => draft.matches.find((m) => m.variantId === draft.variantId);

const matchLabel = (t: Translate, match: CatalogMatch) =>
  `${match.productTitle}${match.variantName ? ` (${match.variantName})` : ''} — ${match.sellerName} · ${priceText(t, match.price, match.unit)}`;

/** The district of a village code: 33.03.06.2001 → 33.03.06. */
const districtOf = (areaCode: string) => areaCode.split('.').slice(0, 3).join('.');

/** Looks up typed words in the catalogue again (the same reader as the message), for a line not found or a new one. */
function CatalogSearch(props: {
  conversationId: string;
  marketId: string | null;
  label: string;
  initial: string;
  onFound: (lines: ParsedLine[]) => void;
}) {
  const t = useT();
  const [text, setText] = useState(props.initial);
  const search = useMutation({
    mutationFn: () => parseOrderText(props.conversationId, text.trim(), props.marketId),
    onSuccess: (result) => {
      const found = result.lines.filter((line) => line.matches.length > 0);
      if (found.length === 0) return;
      props.onFound(found);
      setText(''); // ready for the next item
    },
  });
  const nothing = search.isSuccess && !search.data.lines.some((line) => line.matches.length > 0);
  return (
    <div className="catalog-search">
      <TextField
        label={props.label}
        hint={t('chatOrder.searchHint')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Enter searches here rather than submitting the whole order.
          if (event.key === 'Enter') {
            event.preventDefault();
            if (text.trim()) search.mutate();
          }
        }}
        error={nothing ? t('chatOrder.stillNotFound') : undefined}
      />
      <button
        type="button"
        className="button button-small button-secondary"
        disabled={!text.trim() || search.isPending}
        onClick={() => search.mutate()}
      >
        {search.isPending ? t('chatOrder.searching') : t('chatOrder.search')}
      </button>
      <FormAlert error={search.error} fields={[]} />
    </div>
  );
}

function LineEditor(props: {
  draft: LineDraft;
  conversationId: string;
  marketId: string | null;
  error?: string;
  onChange: (draft: LineDraft) => void;
  onReplace: (lines: ParsedLine[]) => void;
  onDrop: () => void;
}) {
  const { draft, onChange } = props;
  const t = useT();
  const match = chosenMatch(draft);
  return (
    <li className={match ? 'card builder-line' : 'card builder-line builder-line-missing'}>
      <p className="builder-said">
        <q>{draft.text}</q>
      </p>
      {draft.matches.length === 0 ? (
        <>
          <p className="text-danger">{t('chatOrder.notFound', { name: draft.name || draft.text })}</p>
          <CatalogSearch
            conversationId={props.conversationId}
            marketId={props.marketId}
            label={t('chatOrder.searchFor')}
            initial={draft.name || draft.text}
            onFound={props.onReplace}
          />
        </>
      ) : (
        <>
          <SelectField
            label={t('chatOrder.item')}
            // A phone cuts the option short: the seller and price again, in full.
            hint={match && `${match.sellerName} · ${priceText(t, match.price, match.unit)}`}
            value={draft.variantId}
            onChange={(event) => {
              const next = draft.matches.find((m) => m.variantId === event.target.value);
              onChange({ ...draft, variantId: event.target.value, quantityMilli: fit(next, draft.quantityMilli) });
            }}
          >
            {draft.matches.map((option) => (
              <option key={option.variantId} value={option.variantId}>
                {matchLabel(t, option)}
              </option>
            ))}
          </SelectField>
          {match && (
            <div className="builder-quantity">
              <QuantityStepper
                label={t('cart.quantityOf', { item: match.productTitle })}
                valueMilli={draft.quantityMilli}
                stepMilli={match.stepMilli}
                minimumMilli={match.minimumMilli}
                unit={match.unit}
                onChange={(quantityMilli) => onChange({ ...draft, quantityMilli })}
              />
              <strong className="money">{formatRupiah(Number(linePrice(BigInt(match.price), draft.quantityMilli)))}</strong>
            </div>
          )}
        </>
      )}
      {draft.note && <p className="builder-note">{t('chatOrder.lineNote', { note: draft.note })}</p>}
      {props.error && <p className="field-error">{props.error}</p>}
      <button type="button" className="link-button text-danger" onClick={props.onDrop}>
        {t('chatOrder.drop')}
      </button>
    </li>
  );
}

/** Goods, the courier's fee (quoted as checkout does) and the total. */
function Totals(props: { goods: number; programId: string; deliveredBy: string[]; areaCode: string; pin: LatLng | null }) {
  const t = useT();
  const quote = useDeliveryQuote({ programId: props.programId, sellerIds: props.deliveredBy, areaCode: props.areaCode, pin: props.pin });
  const delivered = props.deliveredBy.length > 0;
  const fees = delivered ? (quote.data?.fee ?? 0) + (quote.data?.shoppingFee ?? 0) : 0;
  let feeText: ReactNode = null;
  if (delivered) {
    if (!props.areaCode) feeText = <span className="muted">{t('delivery.chooseVillage')}</span>;
    else if (!quote.data) feeText = <span className="muted">{t(quote.error ? 'delivery.quoteFailed' : 'delivery.quoting')}</span>;
    else if (quote.data.fee === null)
      feeText = <span className="field-error">{quote.data.reason ? t(`delivery.reason.${quote.data.reason}`) : ''}</span>;
    else feeText = <span className="money">{formatRupiah(quote.data.fee)}</span>;
  }
  return (
    <dl className="totals" aria-live="polite">
      <div>
        <dt>{t('orders.goods')}</dt>
        <dd className="money">{formatRupiah(props.goods)}</dd>
      </div>
      {feeText && (
        <div>
          <dt>{t('delivery.fee')}</dt>
          <dd>{feeText}</dd>
        </div>
      )}
      {delivered && (quote.data?.shoppingFee ?? 0) > 0 && (
        <div>
          <dt>{t('orders.shoppingFee')}</dt>
          <dd className="money">{formatRupiah(quote.data?.shoppingFee ?? 0)}</dd>
        </div>
      )}
      <div className="total-row">
        <dt>{t('orders.total')}</dt>
        <dd>
          <strong className="money">{formatRupiah(props.goods + fees)}</strong>
        </dd>
      </div>
    </dl>
  );
}

type MapStart = { startLat: number; startLng: number; startZoom: number };

/** Where the map opens: the customer's pin, else the regency's first market with a location, else all of Indonesia. */
function mapStart(pin: LatLng | null, markets: Market[]): MapStart {
  const market = markets.find((m) => m.lat !== null && m.lng !== null);
  if (pin) return { startLat: pin.lat, startLng: pin.lng, startZoom: 16 };
  if (market?.lat != null && market.lng != null) return { startLat: market.lat, startLng: market.lng, startZoom: 14 };
  return { startLat: -2.5, startLng: 118, startZoom: 5 };
}

/** The pin is optional (and the map heavy): the map opens on request, where it was asked to. */
function PinField({ pin, onPin, error }: { pin: LatLng | null; onPin: (pin: LatLng | null) => void; error?: string }) {
  const t = useT();
  const markets = useTenant().data?.markets ?? [];
  // Fixed when the map opens: a new start would build the map again at every tap.
  const [start, setStart] = useState<MapStart | null>(null);
  return (
    <div className="field">
      <p className="field-label">{t('checkout.pin')}</p>
      <p role="status" className={pin ? '' : 'muted'}>
        {pin ? t('checkout.pinAt', { lat: pin.lat, lng: pin.lng }) : t('checkout.noPin')}
      </p>
      {start && (
        <Suspense fallback={<div className="pin-map pin-map-loading">{t('common.loading')}</div>}>
          <PinMap pin={pin} onPin={onPin} label={t('checkout.pin')} {...start} />
        </Suspense>
      )}
      {error && <p className="field-error">{error}</p>}
      <div className="row">
        {!start && (
          <button type="button" className="button button-small button-secondary" onClick={() => setStart(mapStart(pin, markets))}>
            {t('chatOrder.openMap')}
          </button>
        )}
        {pin && (
          <button type="button" className="button button-small button-secondary" onClick={() => onPin(null)}>
            {t('checkout.clearPin')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The form, once the message is read: lines, where to, how each seller hands over, how to pay. */
function BuilderForm(props: {
  conversation: ConversationSummary;
  customer: CustomerProfile;
  sharedPin: LatLng | null;
  marketId: string | null;
  parsed: ParsedLine[];
  onClose: () => void;
}) {
  const { conversation, customer, marketId } = props;
  const t = useT();
  const lastPlace = customer.addresses[0];
  const [drafts, setDrafts] = useState(() => props.parsed.filter(isItem).map(draftOf));
  // What the customer added to the items ("yang merah", "kirim sore") goes to the sellers and courier.
  const [notes, setNotes] = useState(() =>
    props.parsed
      .map((line) => line.note)
      .filter(Boolean)
      .join('\n'),
  );
  const [address, setAddress] = useState(lastPlace?.address ?? '');
  const [area, setArea] = useState<AreaChoice>(
    lastPlace ? { district: districtOf(lastPlace.areaCode), areaCode: lastPlace.areaCode } : { district: '', areaCode: '' },
  );
  const [pin, setPin] = useState<LatLng | null>(
    props.sharedPin ?? (lastPlace?.lat != null && lastPlace.lng != null ? { lat: lastPlace.lat, lng: lastPlace.lng } : null),
  );
  const [methods, setMethods] = useState<Record<string, FulfilmentMethod>>({});
  const [payment, setPayment] = useState<PaymentChoice | ''>('');
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});
  const create = useCreateChatOrder(conversation.id);
  const errorFor = (field: string) => fieldError(create.error, field, clientErrors);

  if (create.isSuccess) {
    const { order } = create.data;
    return (
      <div className="notice notice-ok" role="status">
        <p>
          <strong>{t('chatOrder.created', { number: order.number })}</strong>
        </p>
        <p>{t('chatOrder.summarySent')}</p>
        <div className="row">
          <Link to={`/cs/pesanan/${encodeURIComponent(order.id)}`} className="button button-secondary">
            {t('chatOrder.openOrder')}
          </Link>
          <button type="button" className="button" onClick={props.onClose}>
            {t('chatOrder.close')}
          </button>
        </div>
      </div>
    );
  }

  const chosen = drafts.flatMap((draft) => {
    const match = chosenMatch(draft);
    return match ? [{ draft, match }] : [];
  });
  const sellers = new Map(chosen.map(({ match }) => [match.sellerId, match.sellerName]));
  const methodOf = (sellerId: string) => methods[sellerId] ?? 'delivery';
  const deliveredBy = [...sellers.keys()].filter((sellerId) => methodOf(sellerId) === 'delivery');
  const goods = chosen.reduce((sum, { draft, match }) => sum + Number(linePrice(BigInt(match.price), draft.quantityMilli)), 0);

  const update = (key: string, next: LineDraft | ParsedLine[] | null) => {
    create.reset();
    setDrafts((all) =>
      all.flatMap((draft) => {
        if (draft.key !== key) return [draft];
        if (next === null) return [];
        return Array.isArray(next) ? next.map(draftOf) : [next];
      }),
    );
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = {
      ...(chosen.length > 0 ? {} : { lines: t('chatOrder.noLines') }),
      ...(address.trim() ? {} : { address: t('form.required') }),
      ...(area.areaCode ? {} : { areaCode: t('form.required') }),
      ...(payment ? {} : { paymentMethod: t('chatOrder.choosePayment') }),
    };
    setClientErrors(errors);
    if (Object.keys(errors).length > 0 || !payment) {
      create.reset();
      return;
    }
    // The same item asked for on two lines is one order line.
    const quantities = new Map<string, number>();
    for (const { draft } of chosen) quantities.set(draft.variantId, (quantities.get(draft.variantId) ?? 0) + draft.quantityMilli);
    create.mutate({
      lines: [...quantities].map(([variantId, quantityMilli]) => ({ variantId, quantityMilli })),
      address: address.trim(),
      areaCode: area.areaCode,
      ...(pin ?? {}),
      notes: notes.trim(),
      fulfilment: Object.fromEntries([...sellers.keys()].map((sellerId) => [sellerId, methodOf(sellerId)])),
      paymentMethod: payment,
    });
  }

  const fields = [
    'lines',
    'address',
    'areaCode',
    'lat',
    'lng',
    'notes',
    'paymentMethod',
    ...chosen.map(({ draft }) => `lines.${draft.variantId}`),
    ...[...sellers.keys()].map((sellerId) => `fulfilment.${sellerId}`),
  ];
  return (
    <form className="form" onSubmit={submit} noValidate>
      <h3 className="form-heading">{t('chatOrder.items')}</h3>
      {drafts.length === 0 && <p className="muted">{t('chatOrder.nothingRead')}</p>}
      <ul className="builder-lines">
        {drafts.map((draft) => (
          <LineEditor
            key={draft.key}
            draft={draft}
            conversationId={conversation.id}
            marketId={marketId}
            error={draft.variantId ? errorFor(`lines.${draft.variantId}`) : undefined}
            onChange={(next) => update(draft.key, next)}
            onReplace={(lines) => update(draft.key, lines)}
            onDrop={() => update(draft.key, null)}
          />
        ))}
      </ul>
      {errorFor('lines') && <p className="field-error">{errorFor('lines')}</p>}
      <CatalogSearch
        conversationId={conversation.id}
        marketId={marketId}
        label={t('chatOrder.addItem')}
        initial=""
        onFound={(lines) => setDrafts((all) => [...all, ...lines.map(draftOf)])}
      />

      <h3 className="form-heading">{t('checkout.where')}</h3>
      <TextAreaField
        label={t('field.address')}
        hint={t('checkout.addressHint')}
        value={address}
        onChange={(event) => setAddress(event.target.value)}
        error={errorFor('address')}
      />
      <AreaPicker
        value={area}
        onChange={(next) => {
          setArea(next);
          create.reset();
        }}
        error={errorFor('areaCode')}
      />
      <PinField
        pin={pin}
        onPin={(next) => {
          setPin(next);
          create.reset();
        }}
        error={errorFor('lat') ?? errorFor('lng')}
      />
      <TextAreaField
        label={t('chatOrder.notes')}
        hint={t('chatOrder.notesHint')}
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
        error={errorFor('notes')}
      />

      {sellers.size > 0 && <h3 className="form-heading">{t('checkout.howDelivered')}</h3>}
      {[...sellers].map(([sellerId, sellerName]) => (
        <fieldset key={sellerId} className="choice card">
          <legend>{sellerName}</legend>
          {FULFILMENT.map((method) => (
            <label key={method} className="check">
              <input
                type="radio"
                name={`method-${sellerId}`}
                checked={methodOf(sellerId) === method}
                onChange={() => {
                  setMethods((all) => ({ ...all, [sellerId]: method }));
                  create.reset();
                }}
              />
              <span>{methodLabel(t, method)}</span>
            </label>
          ))}
          {errorFor(`fulfilment.${sellerId}`) && <p className="field-error">{errorFor(`fulfilment.${sellerId}`)}</p>}
        </fieldset>
      ))}

      <fieldset className="choice">
        <legend>
          <strong>{t('pay.choose')}</strong>
        </legend>
        {PAYMENTS.map((method) => (
          <label key={method} className="check">
            <input type="radio" name="payment" checked={payment === method} onChange={() => setPayment(method)} />
            <span>
              <strong>{t(`pay.method.${method}`)}</strong>
              <br />
              <span className="muted">{t(`pay.methodHint.${method}`)}</span>
            </span>
          </label>
        ))}
        {errorFor('paymentMethod') && <p className="field-error">{errorFor('paymentMethod')}</p>}
      </fieldset>

      <Totals goods={goods} programId={conversation.programId} deliveredBy={deliveredBy} areaCode={area.areaCode} pin={pin} />
      <FormAlert error={create.error} fields={fields} />
      <div className="row">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('checkout.sending') : t('checkout.submit')}
        </button>
        <button type="button" className="button button-secondary" onClick={props.onClose}>
          {t('chatOrder.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * "Buat pesanan dari pesan ini": the customer's message read into order lines, checked and
 * completed by the agent, then ordered for them. A modal dialog over the chat.
 */
export function OrderBuilder(props: {
  conversation: ConversationSummary;
  customer: CustomerProfile;
  message: ChatMessage;
  sharedPin: LatLng | null;
  onClose: () => void;
}) {
  const { conversation, message, onClose } = props;
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const parsed = useQuery({
    // Not under chatKey: what happens in the chat meanwhile need not read the message again.
    queryKey: ['cs-chat-parse', message.id],
    queryFn: () => parseOrderText(conversation.id, message.body),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="order-builder" aria-labelledby="builder-heading" onClose={onClose}>
      <div className="order-builder-head">
        <h2 id="builder-heading">{t('chatOrder.title')}</h2>
        <button type="button" className="button button-small button-secondary" onClick={onClose}>
          {t('chatOrder.close')}
        </button>
      </div>
      <blockquote className="builder-message">{message.body}</blockquote>
      {parsed.isPending ? (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('chatOrder.reading')}
        </div>
      ) : parsed.error ? (
        <FormAlert error={parsed.error} fields={[]} />
      ) : (
        <BuilderForm
          conversation={conversation}
          customer={props.customer}
          sharedPin={props.sharedPin}
          marketId={parsed.data.marketId}
          parsed={parsed.data.lines}
          onClose={onClose}
        />
      )}
    </dialog>
  );
}
