import { query, type SpApiRequest } from '../../requests/types.js';

/**
 * Filters of `listTransactions` (Finances 2024-06-19). Give `postedAfter` (more than two
 * minutes in the past) unless you filter by a related identifier; `postedBefore` defaults to
 * two minutes before the request. A `nextToken` is only valid with the arguments of the call
 * that produced it, so pass them all again with it.
 *
 * @category Operations
 */
export interface ListTransactionsFilter {
  postedAfter?: string;
  postedBefore?: string;
  marketplaceId?: string;
  transactionStatus?: 'DEFERRED' | 'RELEASED' | 'DEFERRED_RELEASED';
  relatedIdentifierName?: 'ORDER_ID' | 'FINANCIAL_EVENT_GROUP_ID';
  relatedIdentifierValue?: string;
  nextToken?: string;
}

/**
 * `listTransactions` (Finances 2024-06-19): one page of transactions; the next page's token is
 * `payload.nextToken` (pages may be empty while a token still comes back).
 *
 * @example
 * ```ts
 * listTransactionsRequest({ postedAfter: '2026-11-01T00:00:00Z' });
 * listTransactionsRequest({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '902-1845936-5435065' });
 * ```
 */
export function listTransactionsRequest(filter: ListTransactionsFilter): SpApiRequest {
  if (!filter.postedAfter && !filter.relatedIdentifierValue)
    throw new TypeError(
      'listTransactions needs postedAfter or a related identifier (relatedIdentifierName and relatedIdentifierValue).',
    );
  if (Boolean(filter.relatedIdentifierName) !== Boolean(filter.relatedIdentifierValue))
    throw new TypeError('listTransactions takes relatedIdentifierName and relatedIdentifierValue together.');
  return {
    operation: 'listTransactions',
    method: 'GET',
    path: '/finances/2024-06-19/transactions',
    query: query({
      postedAfter: filter.postedAfter,
      postedBefore: filter.postedBefore,
      marketplaceId: filter.marketplaceId,
      transactionStatus: filter.transactionStatus,
      relatedIdentifierName: filter.relatedIdentifierName,
      relatedIdentifierValue: filter.relatedIdentifierValue,
      nextToken: filter.nextToken,
    }),
  };
}
