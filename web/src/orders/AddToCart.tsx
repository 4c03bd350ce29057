import { useState } from 'react';
import { Link } from 'react-router';
import { FormAlert } from '../forms';
import { useLang, useT } from '../i18n';
import { quantityText, type Variant } from '../storefront/catalog';
import { useCart, useSetCartLine } from './cart';
import { QuantityStepper } from './QuantityStepper';

/** On the product page: pick how much of one variant, in its steps, and add it to the cart. */
export function AddToCart({ variant, name }: { variant: Variant; name: string }) {
  const t = useT();
  const { lang } = useLang();
  const cart = useCart();
  const setLine = useSetCartLine();
  const [quantity, setQuantity] = useState(variant.minimumMilli);
  const [inCartAfterAdd, setInCartAfterAdd] = useState<number | null>(null);

  // "Add" adds to what is already in the cart; counted stock caps the total.
  const inCart = cart.data?.lines.find((line) => line.variantId === variant.id)?.quantityMilli ?? 0;
  const room = variant.stockMode === 'counted' && variant.stockMilli !== null ? variant.stockMilli - inCart : null;

  function add() {
    const total = inCart + quantity;
    setInCartAfterAdd(null);
    setLine.mutate({ variantId: variant.id, quantityMilli: total }, { onSuccess: () => setInCartAfterAdd(total) });
  }

  return (
    <div className="add-to-cart">
      <div className="add-to-cart-row">
        <QuantityStepper
          label={t('cart.quantityOf', { item: name })}
          valueMilli={quantity}
          stepMilli={variant.stepMilli}
          minimumMilli={variant.minimumMilli}
          maximumMilli={room}
          unit={variant.unit}
          disabled={setLine.isPending}
          onChange={setQuantity}
        />
        <button
          type="button"
          className="button"
          disabled={setLine.isPending || cart.isPending || (room !== null && quantity > room)}
          onClick={add}
        >
          {setLine.isPending ? t('cart.adding') : t('cart.add')}
        </button>
      </div>
      {room !== null && room < variant.minimumMilli && <p className="hint">{t('cart.allInCart')}</p>}
      <FormAlert error={setLine.error} fields={[]} />
      {inCartAfterAdd !== null && (
        <p className="notice notice-ok" role="status">
          {t('cart.added', { quantity: quantityText(t, lang, inCartAfterAdd, variant.unit) })} <Link to="/keranjang">{t('cart.view')}</Link>
        </p>
      )}
    </div>
  );
}
