import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatQuantity, parseQuantity } from '../../../../src/shared/quantity';
import { api } from '../../api';
import { FormAlert, fieldError, TextField } from '../../forms';
import { useT } from '../../i18n';
import { parseRupiah, unitLabel, type Variant } from '../../storefront/catalog';
import { type SellerProduct, sellerProductsKey } from './api';

/** Today's price and stock of one variant, saved on its own: what a trader changes each morning. */
export function QuickEdit({ variant }: { variant: Variant }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [price, setPrice] = useState(String(variant.price));
  const [stock, setStock] = useState(variant.stockMilli === null ? '' : formatQuantity(variant.stockMilli));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const unit = unitLabel(t, variant.unit);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.patch<{ product: SellerProduct }>(`/api/seller/variants/${encodeURIComponent(variant.id)}`, body),
    onSuccess: ({ product }) => {
      // Show what the server saved (e.g. "42.000" typed comes back as 42000).
      const stored = product.variants.find((v) => v.id === variant.id);
      if (stored) {
        setPrice(String(stored.price));
        setStock(stored.stockMilli === null ? '' : formatQuantity(stored.stockMilli));
      }
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: sellerProductsKey });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const newPrice = parseRupiah(price);
    const newStock = variant.stockMode === 'counted' ? parseQuantity(stock || '0') : null;
    const errors = {
      ...(newPrice === null ? { price: t('catalog.priceFormat') } : {}),
      ...(variant.stockMode === 'counted' && newStock === null ? { stockMilli: t('catalog.quantityFormat') } : {}),
    };
    setClientErrors(errors);
    setSaved(false);
    if (Object.keys(errors).length > 0) return;
    // Only what changed: a stock the shop moved meanwhile is not overwritten by a price edit.
    const body = {
      ...(newPrice !== variant.price ? { price: newPrice } : {}),
      ...(newStock !== null && newStock !== variant.stockMilli ? { stockMilli: newStock } : {}),
    };
    if (Object.keys(body).length > 0) save.mutate(body);
  }

  const errorFor = (field: string) => fieldError(save.error, field, clientErrors);
  return (
    <form className="quick-edit" onSubmit={submit} noValidate>
      <p className="quick-edit-name">
        {variant.name && <strong>{variant.name} </strong>}
        <span className={variant.inStock ? 'badge' : 'badge badge-off'}>{variant.inStock ? t('catalog.inStock') : t('shop.soldOut')}</span>
      </p>
      <div className="row row-fields">
        <TextField
          label={t('catalog.pricePerUnit', { unit })}
          inputMode="numeric"
          value={price}
          onChange={(event) => setPrice(event.target.value)}
          error={errorFor('price')}
        />
        {variant.stockMode === 'counted' && (
          <TextField
            label={t('catalog.stock', { unit })}
            inputMode="decimal"
            value={stock}
            onChange={(event) => setStock(event.target.value)}
            error={errorFor('stockMilli')}
          />
        )}
      </div>
      <div className="row">
        <button type="submit" className="button button-small" disabled={save.isPending}>
          {t('catalog.saveToday')}
        </button>
        {variant.stockMode === 'daily' && (
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={save.isPending}
            onClick={() => {
              setSaved(false);
              save.mutate({ soldOut: variant.inStock });
            }}
          >
            {variant.inStock ? t('catalog.markSoldOut') : t('catalog.markAvailable')}
          </button>
        )}
      </div>
      <FormAlert error={save.error} fields={['price', 'stockMilli']} />
      {saved && !save.isPending && (
        <p className="hint" role="status">
          {t('catalog.saved')}
        </p>
      )}
    </form>
  );
}
