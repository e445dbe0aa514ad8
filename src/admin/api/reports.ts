import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  salesReportResponse,
  shiftsReportResponse,
  type SalesReportQuery,
} from '../../common/protocol/reports';
import { salesReportPath, shiftsReportPath, type DayRange } from '../reports/range';
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

export function useShiftsReport(range: DayRange | null) {
  return useQuery({
    queryKey: [...reportsKey, 'shifts', range],
    queryFn: () => apiJson(shiftsReportPath(range!), shiftsReportResponse),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
}
