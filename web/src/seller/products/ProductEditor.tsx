import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api';
import { FormAlert, fieldError, SelectField, TextField } from '../../forms';
import { useLang, useT } from '../../i18n';
import { CATEGORIES, COMMODITIES } from '../../storefront/catalog';
import { ErrorState, Loading } from '../../ui';
import { PhotoPicker } from '../PhotoPicker';
import { productsPath, type SellerProduct, sellerProductsKey, useSellerProduct } from './api';
import { draftOf, emptyDraft, type ProductDraft, toBody } from './draft';
import { VariantFields } from './VariantFields';

const FIELDS = ['title', 'description', 'category', 'commodity', 'photoIds', 'active'];
const VARIANT_FIELDS = ['name', 'unit', 'price', 'stepMilli', 'minimumMilli', 'stockMode', 'stockMilli', 'weightGrams'];

function Form({ initial, productId }: { initial: ProductDraft; productId?: string }) {
  const t = useT();
  const { lang } = useLang();
  const descriptionId = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const sellerId = params.get('penjual');
  const [draft, setDraft] = useState(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      productId
        ? api.patch<{ product: SellerProduct }>(`/api/seller/products/${encodeURIComponent(productId)}`, body)
        : api.post<{ product: SellerProduct }>('/api/seller/products', { ...body, ...(sellerId ? { sellerId } : {}) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sellerProductsKey });
      void navigate(productsPath(sellerId));
    },
  });

  const set = (key: keyof ProductDraft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = toBody(t, draft);
    if ('errors' in result) {
      setClientErrors(result.errors);
      save.reset();
      return;
    }
    setClientErrors({});
    save.mutate(result.body);
  }

  const errorFor = (field: string) => fieldError(save.error, field, clientErrors);
  const descriptionError = errorFor('description');
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label={t('catalog.title')}
        hint={t('catalog.titleHint')}
        value={draft.title}
        onChange={set('title')}
        error={errorFor('title')}
      />
      <SelectField label={t('shop.category')} value={draft.category} onChange={set('category')} error={errorFor('category')}>
        <option value="">{t('sellers.choose')}</option>
        {CATEGORIES.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c[lang]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('catalog.commodity')}
        hint={t('catalog.commodityHint')}
        value={draft.commodity}
        onChange={set('commodity')}
        error={errorFor('commodity')}
      >
        <option value="">{t('catalog.noCommodity')}</option>
        {COMMODITIES.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c[lang]}
          </option>
        ))}
      </SelectField>
      <div className="field">
        <label htmlFor={descriptionId}>{t('catalog.description')}</label>
        <textarea
          id={descriptionId}
          rows={4}
          value={draft.description}
          onChange={set('description')}
          aria-invalid={descriptionError ? true : undefined}
        />
        {descriptionError && <p className="field-error">{descriptionError}</p>}
      </div>
      <PhotoPicker
        label={t('catalog.photos')}
        hint={t('catalog.photosHint')}
        ids={draft.photoIds}
        onChange={(photoIds) => setDraft((d) => ({ ...d, photoIds }))}
        error={errorFor('photoIds')}
      />
      <VariantFields variants={draft.variants} onChange={(variants) => setDraft((d) => ({ ...d, variants }))} errorFor={errorFor} />
      <label className="check">
        <input type="checkbox" checked={draft.active} onChange={(event) => setDraft((d) => ({ ...d, active: event.target.checked }))} />
        {t('catalog.productActive')}
      </label>
      <FormAlert
        error={save.error}
        fields={[...FIELDS, ...draft.variants.flatMap((_, i) => VARIANT_FIELDS.map((f) => `variants.${i}.${f}`))]}
      />
      {Object.keys(clientErrors).length > 0 && (
        <p className="notice notice-error" role="alert">
          {t('form.checkFields')}
        </p>
      )}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('catalog.save')}
      </button>
    </form>
  );
}

/** /penjual/produk/baru and /penjual/produk/:productId: the product form with photos and variants. */
export function ProductEditor() {
  const t = useT();
  const { productId } = useParams();
  const [params] = useSearchParams();
  const product = useSellerProduct(productId);
  return (
    <section className="narrow">
      <p>
        <Link to={productsPath(params.get('penjual'))}>{t('catalog.backToProducts')}</Link>
      </p>
      <h1>{productId ? t('catalog.editProduct') : t('catalog.addProduct')}</h1>
      {!productId ? (
        <Form initial={emptyDraft} />
      ) : product.isPending ? (
        <Loading />
      ) : product.error ? (
        <ErrorState error={product.error} onRetry={() => void product.refetch()} />
      ) : (
        <Form initial={draftOf(product.data.product)} productId={productId} />
      )}
    </section>
  );
}
