import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type CartView } from '../api';

// The cart (src/modules/orders/schemas.ts cartView), for guests too. Kept out of the orders
// pages' chunk: the header's cart count and the product page's "add" need it on every page.

export type Cart = CartView;
export type CartLine = CartView['lines'][number];

export const cartKey = ['cart'] as const;

export const useCart = () => useQuery({ queryKey: cartKey, queryFn: () => api.get<Cart>('/api/cart') });

/** Sets how much of a variant is in the cart (0 removes it); the answer is the whole new cart. */
export function useSetCartLine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (line: { variantId: string; quantityMilli: number }) => api.put<Cart>('/api/cart/lines', line),
    onSuccess: (cart) => queryClient.setQueryData(cartKey, cart),
  });
}
