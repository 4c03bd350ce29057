// Availability rules, pure: whether a variant can be bought today, and what a product
// shows in lists (listed, cheapest price, in stock) derived from its variants.

import type { Unit } from '../../shared/quantity.ts';
import type { StockMode } from './tables.ts';

export interface StockFacts {
  active: boolean;
  price: bigint;
  unit: Unit;
  stockMode: StockMode;
  stockMilli: number;
  minimumMilli: number;
  soldOutOn: string | null;
}

/**
 * Counted stock is in stock while at least the minimum is left; daily (fresh) goods
 * unless the trader marked them sold out today: tomorrow they are back.
 */
export function variantInStock(variant: StockFacts, today: string): boolean {
  if (variant.stockMode === 'counted') return variant.stockMilli >= variant.minimumMilli;
  return variant.soldOutOn === null || variant.soldOutOn < today;
}

/** Until when a variant is sold out: null = in stock, a date = daily goods out for that day, 'infinity' = no counted stock. */
function soldOutUntil(variant: StockFacts): string | null {
  if (variant.stockMode === 'counted') return variant.stockMilli >= variant.minimumMilli ? null : 'infinity';
  return variant.soldOutOn;
}

export interface ProductSummary {
  listed: boolean;
  minPrice: bigint;
  priceUnit: Unit;
  soldOutUntil: string | null;
}

/**
 * What the storefront lists without reading variants: shown when the product and at
 * least one variant are active; the cheapest active price; and until when it is sold
 * out, the earliest day any active variant comes back (in stock on day d when null or before d).
 */
export function summarizeVariants(productActive: boolean, variants: StockFacts[]): ProductSummary {
  const active = variants.filter((v) => v.active);
  const cheapest = active.reduce<StockFacts | undefined>((min, v) => (min === undefined || v.price < min.price ? v : min), undefined);
  let until: string | null = 'infinity';
  for (const variant of active) {
    const date = soldOutUntil(variant);
    if (date === null) {
      until = null;
      break;
    }
    // 'infinity' sorts after every YYYY-MM-DD date, as a string and in PostgreSQL.
    if (date < until) until = date;
  }
  return {
    listed: productActive && active.length > 0,
    minPrice: cheapest?.price ?? 0n,
    priceUnit: cheapest?.unit ?? 'pcs',
    soldOutUntil: until,
  };
}
