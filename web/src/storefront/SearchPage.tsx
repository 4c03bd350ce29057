import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { SelectField, TextField } from '../forms';
import { useLang, useT } from '../i18n';
import { useTenant } from '../session';
import { CATEGORIES, type ProductFilters, sorts } from './catalog';
import { ProductList } from './ProductList';
import { SearchBox } from './SearchBox';

const FILTERS = ['q', 'category', 'marketId', 'programId', 'sellerId', 'minPrice', 'maxPrice', 'inStock', 'sort'] as const;

/** "Rp 10.000" or "10000" -> "10000"; anything else -> "". */
const digits = (text: FormDataEntryValue | null) => String(text ?? '').replace(/\D/g, '');

/** /cari: search and browse with filters; every filter lives in the address, so results can be shared. */
export default function SearchPage() {
  const t = useT();
  const { lang } = useLang();
  const tenant = useTenant();
  const [params, setParams] = useSearchParams();
  const filters: ProductFilters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? '']));

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['q', 'programId', 'sellerId'] as const) if (filters[key]) next.set(key, filters[key]);
    for (const key of ['category', 'marketId', 'sort'] as const) if (form.get(key)) next.set(key, String(form.get(key)));
    for (const key of ['minPrice', 'maxPrice'] as const) if (digits(form.get(key))) next.set(key, digits(form.get(key)));
    if (form.get('inStock')) next.set('inStock', 'true');
    setParams(next);
  }

  const programName = tenant.data?.programs.find((p) => p.id === filters.programId)?.name;
  return (
    <div className="page">
      <h1>{filters.q ? t('shop.resultsFor', { q: filters.q }) : (programName ?? t('shop.allProducts'))}</h1>
      <SearchBox key={filters.q} initial={filters.q} />
      <details className="filters">
        <summary>{t('shop.filters')}</summary>
        {/* Keyed by the address: going back restores the fields to what the list shows. */}
        <form key={params.toString()} className="form" onSubmit={apply}>
          <SelectField label={t('shop.category')} name="category" defaultValue={filters.category}>
            <option value="">{t('shop.any')}</option>
            {CATEGORIES.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c[lang]}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('shop.market')} name="marketId" defaultValue={filters.marketId}>
            <option value="">{t('shop.any')}</option>
            {tenant.data?.markets.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <div className="row row-fields">
            <TextField label={t('shop.minPrice')} name="minPrice" inputMode="numeric" defaultValue={filters.minPrice} />
            <TextField label={t('shop.maxPrice')} name="maxPrice" inputMode="numeric" defaultValue={filters.maxPrice} />
          </div>
          <label className="check">
            <input type="checkbox" name="inStock" defaultChecked={filters.inStock === 'true'} />
            {t('shop.inStockOnly')}
          </label>
          <SelectField label={t('shop.sort')} name="sort" defaultValue={filters.sort}>
            <option value="">{filters.q ? t('shop.sort.relevance') : t('shop.sort.name')}</option>
            {sorts
              .filter((s) => s !== 'relevance' || filters.q)
              .map((s) => (
                <option key={s} value={s}>
                  {t(`shop.sort.${s}`)}
                </option>
              ))}
          </SelectField>
          <button type="submit" className="button">
            {t('shop.apply')}
          </button>
        </form>
      </details>
      <ProductList filters={filters} empty={filters.q ? t('shop.noResults', { q: filters.q }) : undefined} />
    </div>
  );
}
