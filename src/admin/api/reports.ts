import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  auditReportResponse,
  receiptsReportResponse,
  salesReportResponse,
  shiftsReportResponse,
  type SalesReportQuery,
} from '../../common/protocol/reports';
import { receiptsReportPath, salesReportPath, shiftsReportPath, type DayRange } from '../reports/range';
import { apiJson } from './client';
import { reportsKey } from './keys';

/** The previous period stays on screen while the next one loads, so the page does not jump. */
export function useSalesReport(range: DayRange | null, groupBy: SalesReportQuery['groupBy']) {
  return useQuery({
    queryKey: [...reportsKey, 'sales', range, groupBy],
    queryFn: () => apiJson(salesReportPath(range!, groupBy), salesReportResponse),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

export interface AuditFilters {
  device: string | null;
  cashier: string | null;
  kind: string | null;
}

/** The audit report page by page (newest first); `fetchNextPage` follows the server's cursor. */
export function useAuditReport(range: DayRange | null, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: [...reportsKey, 'audit', range, filters],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ from: range!.from, to: range!.to, limit: '100' });
      if (filters.device) query.set('device', filters.device);
      if (filters.cashier) query.set('cashier', filters.cashier);
      if (filters.kind) query.set('kind', filters.kind);
      if (pageParam) query.set('cursor', pageParam);
      return apiJson(`/reports/audit?${query.toString()}`, auditReportResponse);
    },
    initialPageParam: '',
    getNextPageParam: (last) => (last.hasMore && last.cursor ? last.cursor : undefined),
    enabled: range !== null,
  });
}

export function useShiftsReport(range: DayRange | null) {
  return useQuery({
    queryKey: [...reportsKey, 'shifts', range],
    queryFn: () => apiJson(shiftsReportPath(range!), shiftsReportResponse),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}

/** Sales and refunds of the period with the fiscal module's result of each. */
export function useReceiptsReport(range: DayRange | null) {
  return useQuery({
    queryKey: [...reportsKey, 'receipts', range],
    queryFn: () => apiJson(receiptsReportPath(range!), receiptsReportResponse),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}
