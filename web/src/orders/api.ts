import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TitipInput } from '../../../src/modules/orders/schemas';
import { api, type DeliveryQuote, type FulfilmentMethod, type OrderView as Order, type OrderSummary } from '../api';
import { type Cart, cartKey } from './cart';

// The buyer's order hooks. Shapes come from the server's zod schemas (re-exported by ../api).

export type {
  FulfilmentMethod,
  OrderStatus,
  OrderSummary,
  OrderView as Order,
  PaymentMethod,
  PaymentView as Payment,
} from '../api';
export { fulfilmentMethods, fulfilmentStatuses, orderStatuses, paymentMethods, paymentStatuses } from '../api';

export type CheckoutInput = {
  address: string;
  areaCode: string;
  lat?: number;
  lng?: number;
  notes: string;
  fulfilment: Record<string, FulfilmentMethod>;
  /** "Titip belanja" lines for the market shopper. */
  requests: TitipInput[];
};

export const ordersKey = ['orders'] as const;
const orderKey = (id: string) => ['orders', id] as const;
const orderPath = (id: string) => `/api/orders/${encodeURIComponent(id)}`;
export const qrisImageUrl = (id: string) => `${orderPath(id)}/payments/qris.svg`;
export const receiptUrl = (id: string, size: 'a4' | '58mm') => `${orderPath(id)}/receipt.pdf?size=${size}`;

export const useOrders = () => useQuery({ queryKey: ordersKey, queryFn: () => api.get<{ orders: OrderSummary[] }>('/api/orders') });

/** One order; `pollMs` re-reads it while someone else (CS, the gateway) may change it. */
export const useOrder = (id: string, pollMs: (order: Order | undefined) => number | false = () => false) =>
  useQuery({
    queryKey: orderKey(id),
    queryFn: () => api.get<{ order: Order }>(orderPath(id)),
    select: (data) => data.order,
    refetchInterval: (query) => pollMs(query.state.data?.order),
  });

/**
 * The delivery fee for the sellers whose goods the program's courier brings to this village and
 * pin; asked again whenever one of them changes. `programId` is unknown until the cart's first
 * shop is read: the cart does not carry it.
 */
export function useDeliveryQuote(input: {
  programId?: string;
  sellerIds: string[];
  areaCode: string;
  pin: { lat: number; lng: number } | null;
}) {
  const { programId, sellerIds, areaCode, pin } = input;
  return useQuery({
    queryKey: ['delivery-quote', programId, sellerIds, areaCode, pin?.lat, pin?.lng],
    queryFn: () => api.post<DeliveryQuote>('/api/delivery/quote', { programId, sellerIds, areaCode, ...pin }),
    enabled: programId !== undefined && sellerIds.length > 0 && areaCode !== '',
    staleTime: 5 * 60_000,
  });
}

/** Caches the order that comes back; the history list is stale now. */
function useSetOrder() {
  const queryClient = useQueryClient();
  return (order: Order) => {
    queryClient.setQueryData(orderKey(order.id), { order });
    void queryClient.invalidateQueries({ queryKey: ordersKey, exact: true });
  };
}

export function useCheckout() {
  const setOrder = useSetOrder();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CheckoutInput) => api.post<{ order: Order }>('/api/checkout', input),
    onSuccess: ({ order }) => {
      setOrder(order);
      // The server emptied the cart.
      queryClient.setQueryData<Cart>(cartKey, { lines: [], goodsTotal: 0 });
    },
  });
}

/** A step on one order (pay, cancel, confirm receipt, rate) whose answer is the order as it is now. */
export function useOrderAction<Input>(orderId: string, send: (path: string, input: Input) => Promise<{ order: Order }>) {
  const setOrder = useSetOrder();
  return useMutation({
    mutationFn: (input: Input) => send(orderPath(orderId), input),
    onSuccess: ({ order }) => setOrder(order),
  });
}

export function useReorder(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ cart: Cart; skipped: string[] }>(`${orderPath(orderId)}/reorder`),
    onSuccess: ({ cart }) => queryClient.setQueryData(cartKey, cart),
  });
}
