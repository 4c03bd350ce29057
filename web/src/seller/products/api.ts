import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Photo, Variant } from '../../storefront/catalog';
import type { SellerStatus } from '../api';

// Shapes of the seller console's catalog API (src/modules/catalog/seller-routes.ts).

export type SellerProduct = {
  id: string;
  title: string;
  description: string;
  category: string;
  commodity: string | null;
  photos: Photo[];
  active: boolean;
  listed: boolean;
  variants: Variant[];
  updatedAt: string;
};
export type MySeller = { id: string; name: string; kind: 'umkm' | 'trader'; status: SellerStatus };
export type MyProducts = { sellerId: string | null; sellers: MySeller[]; products: SellerProduct[] };

export const sellerProductsKey = ['seller', 'products'] as const;

/** The products list of a seller; `?penjual=` names one when the user runs several (or is an admin). */
export const productsPath = (sellerId: string | null, rest = '') =>
  `/penjual/produk${rest}${sellerId ? `?${new URLSearchParams({ penjual: sellerId })}` : ''}`;

/** My products, for one of my sellers (or any seller, for an admin); `null` = my first one. */
export function useSellerProducts(sellerId: string | null) {
  return useQuery({
    queryKey: [...sellerProductsKey, sellerId],
    queryFn: () => api.get<MyProducts>(`/api/seller/products${sellerId ? `?${new URLSearchParams({ sellerId })}` : ''}`),
  });
}

export function useSellerProduct(productId: string | undefined) {
  return useQuery({
    queryKey: [...sellerProductsKey, 'one', productId],
    queryFn: () => api.get<{ product: SellerProduct }>(`/api/seller/products/${encodeURIComponent(productId ?? '')}`),
    enabled: productId !== undefined,
  });
}
