import { formatQuantity, parseQuantity, type Unit } from '../../../../src/shared/quantity';
import type { Translate } from '../../i18n';
import { parseRupiah, type StockMode } from '../../storefront/catalog';
import type { SellerProduct } from './api';

// The product form as text fields, and the API body it becomes. Quantities are typed as
// people write them ("0,25"), prices as rupiah with or without dots ("42.000").

export type VariantDraft = {
  id?: string;
  name: string;
  unit: Unit;
  price: string;
  step: string;
  minimum: string;
  stockMode: StockMode;
  stock: string;
  /** The stock as loaded: sent again only when changed, so orders in between are not undone. */
  loadedStock?: string;
  weightGrams: string;
  active: boolean;
};

export type ProductDraft = {
  title: string;
  description: string;
  category: string;
  commodity: string;
  photoIds: string[];
  active: boolean;
  variants: VariantDraft[];
};

/** What a unit is usually sold in: a quarter kilo, 100 grams, otherwise whole units. */
const STEP_FOR: Partial<Record<Unit, string>> = { kg: '0,25', gram: '100' };
/** Fresh goods sold by weight or bunch are "available today / sold out"; the rest are counted. */
const DAILY_UNITS: Unit[] = ['kg', 'gram', 'ons', 'ikat'];

export const newVariant = (unit: Unit = 'kg'): VariantDraft => ({
  name: '',
  unit,
  price: '',
  step: STEP_FOR[unit] ?? '1',
  minimum: STEP_FOR[unit] ?? '1',
  stockMode: DAILY_UNITS.includes(unit) ? 'daily' : 'counted',
  stock: '',
  weightGrams: '',
  active: true,
});

/** A new unit brings its usual step, minimum and stock mode, unless the seller had changed them. */
export function withUnit(variant: VariantDraft, unit: Unit): VariantDraft {
  const before = newVariant(variant.unit);
  const after = newVariant(unit);
  const keepOrSwap = <K extends 'step' | 'minimum' | 'stockMode'>(key: K) => (variant[key] === before[key] ? after[key] : variant[key]);
  return { ...variant, unit, step: keepOrSwap('step'), minimum: keepOrSwap('minimum'), stockMode: keepOrSwap('stockMode') };
}

export const emptyDraft: ProductDraft = {
  title: '',
  description: '',
  category: '',
  commodity: '',
  photoIds: [],
  active: true,
  variants: [newVariant()],
};

export function draftOf(product: SellerProduct): ProductDraft {
  return {
    title: product.title,
    description: product.description,
    category: product.category,
    commodity: product.commodity ?? '',
    photoIds: product.photos.map((p) => p.id),
    active: product.active,
    variants: product.variants.map((v) => {
      const stock = v.stockMilli === null ? '' : formatQuantity(v.stockMilli);
      return {
        id: v.id,
        name: v.name,
        unit: v.unit,
        price: String(v.price),
        step: formatQuantity(v.stepMilli),
        minimum: formatQuantity(v.minimumMilli),
        stockMode: v.stockMode,
        stock,
        loadedStock: stock,
        weightGrams: v.weightGrams === null ? '' : String(v.weightGrams),
        active: v.active,
      };
    }),
  };
}

/**
 * The API body, or the client-side errors by API field name (the same names the server
 * uses, so one lookup shows either under the input).
 */
export function toBody(t: Translate, draft: ProductDraft): { body: Record<string, unknown> } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = t('form.required');
  if (!draft.category) errors.category = t('form.required');
  const variants = draft.variants.map((v, i) => {
    const field = (name: string) => `variants.${i}.${name}`;
    const price = parseRupiah(v.price);
    const step = parseQuantity(v.step);
    const minimum = parseQuantity(v.minimum);
    const stock = v.stock.trim() ? parseQuantity(v.stock) : 0;
    if (price === null) errors[field('price')] = t('catalog.priceFormat');
    if (step === null) errors[field('stepMilli')] = t('catalog.quantityFormat');
    if (minimum === null) errors[field('minimumMilli')] = t('catalog.quantityFormat');
    if (stock === null) errors[field('stockMilli')] = t('catalog.quantityFormat');
    const weight = v.weightGrams.trim() ? Number(v.weightGrams.replace(/\D/g, '')) : null;
    const sendStock = v.stockMode === 'counted' && (v.id === undefined || v.stock !== v.loadedStock);
    return {
      ...(v.id ? { id: v.id } : {}),
      name: v.name.trim(),
      unit: v.unit,
      price,
      stepMilli: step,
      minimumMilli: minimum,
      stockMode: v.stockMode,
      ...(sendStock ? { stockMilli: stock } : {}),
      weightGrams: weight || null,
      active: v.active,
    };
  });
  if (Object.keys(errors).length > 0) return { errors };
  return {
    body: {
      title: draft.title.trim(),
      description: draft.description.trim(),
      category: draft.category,
      commodity: draft.commodity || null,
      photoIds: draft.photoIds,
      active: draft.active,
      variants,
    },
  };
}
