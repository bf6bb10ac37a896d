import { fillPath, query, type SpApiRequest } from '../../requests/types.js';

/**
 * `listFinancialEvents`: one page of financial events posted in a time range.
 *
 * @example
 * ```ts
 * listFinancialEventsRequest({ postedAfter: '2026-11-01T00:00:00Z' });
 * ```
 */
export function listFinancialEventsRequest(options: {
  postedAfter?: string;
  postedBefore?: string;
  maxResultsPerPage?: number;
  nextToken?: string;
}): SpApiRequest {
  return {
    operation: 'listFinancialEvents',
    method: 'GET',
    path: '/finances/v0/financialEvents',
    query: query({
      MaxResultsPerPage: Math.min(100, Math.max(1, options.maxResultsPerPage ?? 100)),
      PostedAfter: options.postedAfter,
      PostedBefore: options.postedBefore,
      NextToken: options.nextToken,
    }),
  };
}

/**
 * `listFinancialEventsByOrderId`: one page of an order's financial events.
 *
 * @example
 * ```ts
 * listFinancialEventsByOrderIdRequest({ orderId: '902-1845936-5435065' });
 * ```
 */
export function listFinancialEventsByOrderIdRequest(options: { orderId: string; nextToken?: string }): SpApiRequest {
  return {
    operation: 'listFinancialEventsByOrderId',
    method: 'GET',
    path: fillPath('/finances/v0/orders/{orderId}/financialEvents', { orderId: options.orderId }),
    query: query({ MaxResultsPerPage: 100, NextToken: options.nextToken }),
  };
}
