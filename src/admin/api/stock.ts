import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  stockAdjustmentResponse,
  stockPageResponse,
  stockReceiptResponse,
  type StockAdjustmentBody,
  type StockReceiptBody,
} from '../../common/protocol/catalog';
import { apiJson } from './client';
import { stockKey } from './keys';

export const STOCK_PAGE = 50;

/** `all`, or only the problem rows (the server filters, so they page like the rest). */
export type StockFilter = 'all' | 'negative' | 'low';

function stockPath(search: string, only: StockFilter, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(STOCK_PAGE) });
  if (search.trim()) params.set('search', search.trim());
  if (only !== 'all') params.set('only', only);
  if (cursor) params.set('cursor', cursor);
  return `/stock?${params.toString()}`;
}

export function useStock(search: string, only: StockFilter) {
  return useInfiniteQuery({
    queryKey: [...stockKey, { search: search.trim(), only }],
    queryFn: ({ pageParam }) => apiJson(stockPath(search, only, pageParam), stockPageResponse),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasMore ? last.cursor : null),
    placeholderData: keepPreviousData,
  });
}

export function useReceiveStock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StockReceiptBody) =>
      apiJson('/stock/receipts', stockReceiptResponse, { method: 'POST', body }),
    onSettled: () => client.invalidateQueries({ queryKey: stockKey }),
  });
}

export function useCountStock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StockAdjustmentBody) =>
      apiJson('/stock/adjustments', stockAdjustmentResponse, { method: 'POST', body }),
    onSettled: () => client.invalidateQueries({ queryKey: stockKey }),
  });
}
