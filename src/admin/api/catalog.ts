import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  listProductsResponse,
  productResponse,
  type CreateProductBody,
  type UpdateProductBody,
} from '../../common/protocol/catalog';
import { apiJson } from './client';
import { productsKey, stockKey } from './keys';

/** A page is what one screen shows comfortably; more comes by the server's cursor, never all at once. */
export const PRODUCTS_PAGE = 50;

export type ActiveFilter = 'all' | 'true' | 'false';

export function productsPath(search: string, active: ActiveFilter, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PRODUCTS_PAGE), active });
  if (search.trim()) params.set('search', search.trim());
  if (cursor) params.set('cursor', cursor);
  return `/products?${params.toString()}`;
}

/** Keyset pages of the catalog; the previous result stays on screen while a new search loads. */
export function useProducts(search: string, active: ActiveFilter) {
  return useInfiniteQuery({
    queryKey: [...productsKey, { search: search.trim(), active }],
    queryFn: ({ pageParam }) => apiJson(productsPath(search, active, pageParam), listProductsResponse),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasMore ? last.cursor : null),
    placeholderData: keepPreviousData,
  });
}

/** A product's name, unit or activity also shows on the stock screen. */
function useInvalidateCatalog() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: productsKey }),
      client.invalidateQueries({ queryKey: stockKey }),
    ]);
}

export function useCreateProduct() {
  const invalidate = useInvalidateCatalog();
  return useMutation({
    mutationFn: (body: CreateProductBody) => apiJson('/products', productResponse, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateProduct() {
  const invalidate = useInvalidateCatalog();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateProductBody }) =>
      apiJson(`/products/${encodeURIComponent(id)}`, productResponse, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

/** Products are never deleted (past sales name them); this takes one off the registers. */
export function useDeactivateProduct() {
  const invalidate = useInvalidateCatalog();
  return useMutation({
    mutationFn: (id: string) =>
      apiJson(`/products/${encodeURIComponent(id)}`, productResponse, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
