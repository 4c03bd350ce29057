import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError, type Market, type Program } from '../api';
import { FormAlert, fieldError, TextAreaField } from '../forms';
import { formatRupiah, useLang, useT } from '../i18n';
import { type AreaChoice, AreaPicker } from '../seller/AreaPicker';
import { RequireSignIn } from '../seller/RequireSignIn';
import { useTenant } from '../session';
import { formatDay, marketScheduleText, useShop } from '../storefront/catalog';
import { ErrorState, Loading } from '../ui';
import { type FulfilmentMethod, fulfilmentMethods, useCheckout, useDeliveryQuote } from './api';
import { useCart } from './cart';
import { groupBySeller, LineSummary, SellerName } from './common';
import { formatKm } from './distance';
import type { LatLng } from './PinMap';
import { readTitip, type TitipDraft, TitipFields, titipCapsTotal } from './TitipForm';

// Leaflet is big: it loads with the map, only here.
const PinMap = lazy(() => import('./PinMap'));

/** Where the map opens: the regency's first market with a location, else all of Indonesia. */
function mapStart(markets: Market[]) {
  const market = markets.find((m) => m.lat !== null && m.lng !== null);
  return market
    ? { startLat: market.lat as number, startLng: market.lng as number, startZoom: 14 }
    : { startLat: -2.5, startLng: 118, startZoom: 5 };
}

/** The pin on the map, or the phone's own location; optional, it helps the courier find the door. */
function LocationField(props: { pin: LatLng | null; onPin: (pin: LatLng | null) => void; markets: Market[]; error?: string }) {
  const { pin, onPin, markets } = props;
  const t = useT();
  const [locating, setLocating] = useState(false);
  const [problem, setProblem] = useState('');

  function locate() {
    if (!navigator.geolocation) {
      setProblem(t('checkout.locationUnsupported'));
      return;
    }
    setLocating(true);
    setProblem('');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        onPin({ lat: Number(position.coords.latitude.toFixed(6)), lng: Number(position.coords.longitude.toFixed(6)) });
      },
      (error) => {
        setLocating(false);
        setProblem(t(error.code === error.PERMISSION_DENIED ? 'checkout.locationDenied' : 'checkout.locationFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <div className="field">
      <p className="field-label" id="pin-label">
        {t('checkout.pin')}
      </p>
      <p className="hint">{t('checkout.pinHint')}</p>
      <section aria-labelledby="pin-label">
        <Suspense fallback={<div className="pin-map pin-map-loading">{t('common.loading')}</div>}>
          <PinMap pin={pin} onPin={onPin} label={t('checkout.pin')} {...mapStart(markets)} />
        </Suspense>
      </section>
      <p role="status" className={pin ? '' : 'muted'}>
        {pin ? t('checkout.pinAt', { lat: pin.lat, lng: pin.lng }) : t('checkout.noPin')}
      </p>
      {(problem || props.error) && <p className="field-error">{problem || props.error}</p>}
      <div className="row">
        <button type="button" className="button button-small button-secondary" disabled={locating} onClick={locate}>
          {locating ? t('checkout.locating') : t('checkout.useLocation')}
        </button>
        {pin && (
          <button type="button" className="button button-small button-secondary" onClick={() => onPin(null)}>
            {t('checkout.clearPin')}
          </button>
        )}
      </div>
    </div>
  );
}

/** "Rp 10.000 (± 3,2 km)", or why the program's courier cannot come (yet). */
function FeeText({ quote }: { quote: ReturnType<typeof useDeliveryQuote> }) {
  const t = useT();
  const { lang } = useLang();
  if (!quote.data) return <span className="muted">{t(quote.error ? 'delivery.quoteFailed' : 'delivery.quoting')}</span>;
  const { fee, distanceM, reason } = quote.data;
  if (fee === null) return <span className="field-error">{reason ? t(`delivery.reason.${reason}`) : ''}</span>;
  return (
    <strong className="money">
      {distanceM === null ? formatRupiah(fee) : t('delivery.feeDistance', { fee: formatRupiah(fee), km: formatKm(distanceM, lang) })}
    </strong>
  );
}

/** Today's date in the regency, 'YYYY-MM-DD' (the quote's deliverOn is on the same clock). */
function todayIn(timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

/** "Diantar hari ini", or the market's next trading day and why: its days and its order cut-off. */
function DeliveryDay({ date, market, timeZone }: { date: string; market: Market | undefined; timeZone?: string }) {
  const t = useT();
  const { lang } = useLang();
  const everyDayAnyTime = market?.marketDays.length === 7 && market.orderCutoff === null;
  return (
    <div className="delivery-day">
      <p>
        <strong>{date === todayIn(timeZone) ? t('delivery.today') : t('delivery.on', { day: formatDay(date, lang, true) })}</strong>
      </p>
      {market && !everyDayAnyTime && <p className="hint">{marketScheduleText(t, lang, market)}</p>}
    </div>
  );
}

/** Goods, titip caps, the delivery and shopping fees quoted for the courier parts (checkout fixes the same), and the total. */
function Totals(props: {
  goodsTotal: number;
  titipTotal: number;
  delivered: boolean;
  areaCode: string;
  quote: ReturnType<typeof useDeliveryQuote>;
}) {
  const t = useT();
  const fee = props.delivered ? (props.quote.data?.fee ?? 0) : 0;
  const shoppingFee = props.delivered ? (props.quote.data?.shoppingFee ?? 0) : 0;
  return (
    <>
      <dl className="totals" aria-live="polite">
        <div>
          <dt>{t('orders.goods')}</dt>
          <dd className="money">{formatRupiah(props.goodsTotal)}</dd>
        </div>
        {props.titipTotal > 0 && (
          <div>
            <dt>{t('titip.totalRow')}</dt>
            <dd className="money">{formatRupiah(props.titipTotal)}</dd>
          </div>
        )}
        {props.delivered && (
          <div>
            <dt>{t('delivery.fee')}</dt>
            <dd>{props.areaCode ? <FeeText quote={props.quote} /> : <span className="muted">{t('delivery.chooseVillage')}</span>}</dd>
          </div>
        )}
        {shoppingFee > 0 && (
          <div>
            <dt>{t('orders.shoppingFee')}</dt>
            <dd className="money">{formatRupiah(shoppingFee)}</dd>
          </div>
        )}
        <div className="total-row">
          <dt>{t('orders.total')}</dt>
          <dd>
            <strong className="money">{formatRupiah(props.goodsTotal + props.titipTotal + fee + shoppingFee)}</strong>
          </dd>
        </div>
      </dl>
      {props.titipTotal > 0 && <p className="hint">{t('titip.totalHint')}</p>}
    </>
  );
}

/**
 * What hangs on the courier's trip: the day the goods come, titip lines (when the program takes
 * them) and the totals with the quoted fee. The cart does not carry the program or the market:
 * they come from the first sellers' shops.
 */
function TripAndTotals(props: {
  goodsTotal: number;
  firstSellerId: string;
  deliveredBy: string[];
  areaCode: string;
  pin: LatLng | null;
  programs: Program[];
  markets: Market[];
  timeZone?: string;
  titip: TitipDraft[];
  onTitip: (drafts: TitipDraft[]) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const programId = useShop(props.firstSellerId).data?.seller.programId;
  const program = props.programs.find((p) => p.id === programId);
  // deliverOn is set only when every delivered part comes from one market: that market.
  const tripMarketId = useShop(props.deliveredBy[0] ?? props.firstSellerId).data?.seller.market?.id;
  const quote = useDeliveryQuote({ programId, sellerIds: props.deliveredBy, areaCode: props.areaCode, pin: props.pin });
  const delivered = props.deliveredBy.length > 0;
  const titipOffered = delivered && program?.titipEnabled === true;
  const deliverOn = delivered ? quote.data?.deliverOn : null;
  return (
    <>
      {titipOffered && (
        <TitipFields
          drafts={props.titip}
          onChange={props.onTitip}
          maxCap={program.titipMaxCap}
          oneMarket={quote.data?.deliverOn !== null}
          errorFor={props.errorFor}
        />
      )}
      {deliverOn && <DeliveryDay date={deliverOn} market={props.markets.find((m) => m.id === tripMarketId)} timeZone={props.timeZone} />}
      <Totals
        goodsTotal={props.goodsTotal}
        titipTotal={titipOffered ? titipCapsTotal(props.titip) : 0}
        delivered={delivered}
        areaCode={props.areaCode}
        quote={quote}
      />
    </>
  );
}

function CheckoutForm() {
  const t = useT();
  const navigate = useNavigate();
  const tenant = useTenant();
  const cart = useCart();
  const checkout = useCheckout();
  const [address, setAddress] = useState('');
  const [area, setArea] = useState<AreaChoice>({ district: '', areaCode: '' });
  const [pin, setPin] = useState<LatLng | null>(null);
  const [notes, setNotes] = useState('');
  const [methods, setMethods] = useState<Record<string, FulfilmentMethod>>({});
  const [titip, setTitip] = useState<TitipDraft[]>([]);
  const [clientErrors, setClientErrors] = useState<Record<string, string | undefined>>({});

  // Once ordered, the cart is empty: wait for the order page rather than say so.
  if (cart.isPending || tenant.isPending || checkout.isSuccess) return <Loading />;
  if (cart.error) return <ErrorState error={cart.error} onRetry={() => void cart.refetch()} />;
  if (tenant.error) return <ErrorState error={tenant.error} onRetry={() => void tenant.refetch()} />;
  const { lines, goodsTotal } = cart.data;
  if (lines.length === 0) {
    return (
      <section className="page narrow">
        <h1>{t('checkout.title')}</h1>
        <p className="muted">{t('cart.empty')}</p>
        <Link to="/cari" className="button">
          {t('cart.shop')}
        </Link>
      </section>
    );
  }
  const groups = groupBySeller(lines);
  // Delivery by the program's courier unless the buyer picks otherwise.
  const methodOf = (sellerId: string) => methods[sellerId] ?? 'delivery';
  const errorFor = (field: string) => fieldError(checkout.error, field, clientErrors);

  const deliveredBy = groups.filter(([sellerId]) => methodOf(sellerId) === 'delivery').map(([sellerId]) => sellerId);
  // Titip lines ride on the courier's trip: with nothing delivered they are kept but not sent.
  const requests = deliveredBy.length > 0 ? readTitip(t, titip) : { requests: [], errors: {} };

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors = {
      ...(address.trim() ? {} : { address: t('form.required') }),
      ...(area.areaCode ? {} : { areaCode: t('form.required') }),
      ...requests.errors,
    };
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      checkout.reset();
      return;
    }
    checkout.mutate(
      {
        address: address.trim(),
        areaCode: area.areaCode,
        ...(pin ?? {}),
        notes: notes.trim(),
        fulfilment: Object.fromEntries(groups.map(([sellerId]) => [sellerId, methodOf(sellerId)])),
        requests: requests.requests,
      },
      {
        onSuccess: ({ order }) => void navigate(`/pesanan/${order.id}`, { replace: true }),
        // The session ran out meanwhile: sign in again and come back here.
        onError: (error) => {
          if (isApiError(error, 401)) void navigate(`/masuk?next=${encodeURIComponent('/pesan')}`);
        },
      },
    );
  }

  const fields = [
    'address',
    'areaCode',
    'lat',
    'lng',
    'notes',
    ...groups.map(([sellerId]) => `fulfilment.${sellerId}`),
    ...lines.map((line) => `lines.${line.variantId}`),
    'requests',
    ...titip.flatMap((_, index) => ['text', 'estimate', 'cap'].map((name) => `requests.${index}.${name}`)),
  ];
  return (
    <section className="page narrow">
      <h1>{t('checkout.title')}</h1>
      <form className="form" onSubmit={submit} noValidate>
        <h2 className="form-heading">{t('checkout.where')}</h2>
        <TextAreaField
          label={t('field.address')}
          hint={t('checkout.addressHint')}
          autoComplete="street-address"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          error={errorFor('address')}
        />
        {/* A refusal for the place (outside the delivery area, no pin) no longer holds once it or the methods change. */}
        <AreaPicker
          value={area}
          onChange={(next) => {
            setArea(next);
            checkout.reset();
          }}
          error={errorFor('areaCode')}
        />
        <LocationField
          pin={pin}
          onPin={(next) => {
            setPin(next);
            checkout.reset();
          }}
          markets={tenant.data.markets}
          error={errorFor('lat') ?? errorFor('lng')}
        />
        <TextAreaField
          label={t('checkout.notes')}
          hint={t('checkout.notesHint')}
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          error={errorFor('notes')}
        />

        <h2 className="form-heading">{t('checkout.items')}</h2>
        {groups.map(([sellerId, sellerLines]) => (
          <div key={sellerId} className="card seller-group">
            <h3 className="card-title">
              <SellerName sellerId={sellerId} name={sellerLines[0]?.sellerName ?? ''} />
            </h3>
            <ul className="cart-lines">
              {sellerLines.map((line) => (
                <li key={line.variantId} className="cart-line">
                  <LineSummary line={line} />
                  {errorFor(`lines.${line.variantId}`) && <p className="field-error">{errorFor(`lines.${line.variantId}`)}</p>}
                </li>
              ))}
            </ul>
            <fieldset className="choice">
              <legend>{t('checkout.howDelivered')}</legend>
              {fulfilmentMethods.map((method) => (
                <label key={method} className="check">
                  <input
                    type="radio"
                    name={`method-${sellerId}`}
                    value={method}
                    checked={methodOf(sellerId) === method}
                    onChange={() => {
                      setMethods((m) => ({ ...m, [sellerId]: method }));
                      checkout.reset();
                    }}
                  />
                  <span>
                    <strong>{t(`checkout.method.${method}`)}</strong>
                    <br />
                    <span className="muted">{t(`checkout.methodHint.${method}`)}</span>
                  </span>
                </label>
              ))}
              {errorFor(`fulfilment.${sellerId}`) && <p className="field-error">{errorFor(`fulfilment.${sellerId}`)}</p>}
            </fieldset>
          </div>
        ))}

        <TripAndTotals
          goodsTotal={goodsTotal}
          firstSellerId={groups[0]?.[0] ?? ''}
          deliveredBy={deliveredBy}
          areaCode={area.areaCode}
          pin={pin}
          programs={tenant.data.programs}
          markets={tenant.data.markets}
          timeZone={tenant.data.tenant.timeZone}
          titip={titip}
          onTitip={(drafts) => {
            setTitip(drafts);
            checkout.reset();
          }}
          errorFor={errorFor}
        />
        <p className="hint">{t('checkout.totalHint')}</p>
        <FormAlert error={checkout.error} fields={fields} />
        {isApiError(checkout.error, 409) && (
          <p>
            <Link to="/keranjang">{t('checkout.fixCart')}</Link>
          </p>
        )}
        <button type="submit" className="button button-block" disabled={checkout.isPending}>
          {checkout.isPending ? t('checkout.sending') : t('checkout.submit')}
        </button>
      </form>
    </section>
  );
}

/** /pesan: where to, how each seller hands over, then the order (reserved until paid). */
export function CheckoutPage() {
  return (
    <RequireSignIn>
      <CheckoutForm />
    </RequireSignIn>
  );
}
