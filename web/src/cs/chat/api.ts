import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Unit } from '../../../../src/shared/quantity';
import { api, type FulfilmentMethod, type OrderView, requestHeaders, toApiError } from '../../api';

// The CS WhatsApp desk's API (/api/cs/conversations…, /api/cs/quick-replies): shapes and hooks.

// Response shapes: the server's zod schemas are the one definition.
export type {
  ConversationDetail,
  ConversationFilter,
  ConversationSummary,
  MessageView as ChatMessage,
  QuickReplyView as QuickReply,
} from '../../../../src/modules/messaging/console';

import type {
  ConversationDetail,
  ConversationFilter,
  ConversationSummary,
  MessageView,
  QuickReplyView,
} from '../../../../src/modules/messaging/console';

/** The statuses of a message sent, in the order WhatsApp reports them (failed can come at any time). */
export const messageStatuses = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];
export type CustomerProfile = ConversationDetail['customer'];

// The order-from-chat shapes (src/modules/orders/from-chat.ts) are written out here: importing
// that module would pull the server's payment routes into the web build's type check.
export type CatalogMatch = {
  variantId: string;
  productId: string;
  productTitle: string;
  variantName: string;
  sellerId: string;
  sellerName: string;
  unit: Unit;
  price: number;
  stepMilli: number;
  minimumMilli: number;
};

/** One line of a customer's message as the server read it: the item, how much, and the catalogue's candidates (best first). */
export type ParsedLine = {
  text: string;
  name: string | null;
  quantity: number | null;
  unit: string | null;
  grams: number | null;
  amountRupiah: number | null;
  note: string | null;
  matches: CatalogMatch[];
  /** In thousandths of the best match's unit; null when the amount does not convert. */
  suggestedQuantityMilli: number | null;
};

export type ParseResult = { marketId: string | null; lines: ParsedLine[] };

export type PaymentChoice = 'qris' | 'transfer' | 'cod';

export type ChatOrderInput = {
  lines: { variantId: string; quantityMilli: number }[];
  address: string;
  areaCode: string;
  lat?: number;
  lng?: number;
  notes?: string;
  fulfilment: Record<string, FulfilmentMethod>;
  paymentMethod: PaymentChoice;
};

export const chatKey = ['cs-chat'] as const;
const conversationPath = (id: string) => `/api/cs/conversations/${encodeURIComponent(id)}`;

/** `api` has no DELETE; the same headers and errors. */
async function deleteRequest(path: string): Promise<void> {
  const response = await fetch(path, { method: 'DELETE', headers: requestHeaders('DELETE', false), credentials: 'same-origin' });
  if (!response.ok) throw await toApiError(response);
}

export const conversationsQuery = (programId: string, filter: ConversationFilter) => ({
  queryKey: [...chatKey, 'list', programId, filter],
  queryFn: () => api.get<{ conversations: ConversationSummary[] }>(`/api/cs/conversations?${new URLSearchParams({ programId, filter })}`),
  // New WhatsApp messages arrive by themselves: the desk looks again every 5 s.
  refetchInterval: 5000,
});

export const useConversations = (programId: string | undefined, filter: ConversationFilter) =>
  useQuery({ ...conversationsQuery(programId ?? '', filter), enabled: programId !== undefined });

/** The open conversation, polled a little faster so replies and "typing" show soon. */
export const useConversation = (id: string) =>
  useQuery({
    queryKey: [...chatKey, 'conversation', id],
    queryFn: () => api.get<ConversationDetail>(conversationPath(id)),
    refetchInterval: 3000,
  });

/** A change to one conversation; afterwards it and the list are read again. */
function useConversationStep<Input, Output>(id: string, send: (path: string, input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => send(conversationPath(id), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: chatKey }),
  });
}

export type OutgoingInput = { body: string } | { quickReplyId: string } | { mediaId: string; caption?: string };

export const useSendMessage = (id: string) =>
  useConversationStep(id, (path, input: OutgoingInput) => api.post<{ message: MessageView }>(`${path}/messages`, input));
export const useAddNote = (id: string) =>
  useConversationStep(id, (path, body: string) => api.post<{ message: MessageView }>(`${path}/notes`, { body }));
export const useAssign = (id: string) =>
  useConversationStep(id, (path, userId: string | null) => api.post<{ conversation: ConversationSummary }>(`${path}/assign`, { userId }));
export const useMarkRead = (id: string) => useConversationStep(id, (path, _: undefined) => api.post<void>(`${path}/read`));

export const sendTyping = (id: string) => api.post<void>(`${conversationPath(id)}/typing`);

const quickRepliesKey = (programId: string) => [...chatKey, 'quick-replies', programId];

export const useQuickReplies = (programId: string) =>
  useQuery({
    queryKey: quickRepliesKey(programId),
    queryFn: () => api.get<{ quickReplies: QuickReplyView[] }>(`/api/cs/quick-replies?${new URLSearchParams({ programId })}`),
    staleTime: 60_000,
  });

export function useSaveQuickReply(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { title: string; body: string }) => api.post('/api/cs/quick-replies', { programId, ...input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: quickRepliesKey(programId) }),
  });
}

export function useDeleteQuickReply(programId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteRequest(`/api/cs/quick-replies/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: quickRepliesKey(programId) }),
  });
}

/** Reads a customer's text into order lines with catalogue matches (one market's sellers). */
export const parseOrderText = (conversationId: string, text: string, marketId?: string | null) =>
  api.post<ParseResult>(`${conversationPath(conversationId)}/parse`, { text, ...(marketId ? { marketId } : {}) });

/** The order for the customer; the server then sends them its summary and how to pay. */
export const useCreateChatOrder = (id: string) =>
  useConversationStep(id, (path, input: ChatOrderInput) => api.post<{ order: OrderView }>(`${path}/orders`, input));
