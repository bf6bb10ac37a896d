import type { Clock } from '../../../../core/clock.js';
import { ValidationError } from '../../../../core/errors/validation-error.js';
import type { ListFinancialEventsQuery } from '../../../../core/queries.js';
import type { FinancialEvent } from '../../../../model/finance.js';
import type { SpApiClient } from '../../client.js';
import { fromSpApiTransactions, type SpApiTransaction } from './mapper.js';
import { unwrapMapped } from '../../orders/v0/orders-v0.js';
import type { ListTransactionsFilter } from './requests.js';

const DAY_MS = 86_400_000;
/** Amazon answers an empty page for windows longer than this. */
const MAX_WINDOW_MS = 180 * DAY_MS;
/** Both dates must be more than two minutes before the request. */
const SETTLING_MS = 2 * 60_000 + 1_000;

/**
 * The posted-date windows of a query, each at most 180 days long; none when nothing can be posted
 * in it yet. Every window has an explicit `postedBefore`: Amazon's default (two minutes before
 * each request) moves on while the pages are read, and would stretch a window of nearly 180
 * days past the limit, where the answer is empty.
 */
export function transactionWindows(query: ListFinancialEventsQuery, now: number): { postedAfter: string; postedBefore: string }[] {
  const latest = now - SETTLING_MS;
  const after = query.since ? Date.parse(query.since) : now - 30 * DAY_MS;
  const until = query.until ? Math.min(Date.parse(query.until), latest) : latest;
  // An unreadable date would otherwise make no window at all: an empty answer instead of an error.
  const unreadable = (['since', 'until'] as const).filter((key) => query[key] && Number.isNaN(Date.parse(query[key])));
  if (unreadable.length > 0) {
    throw new ValidationError('listFinancialEvents query', unreadable.map((key) => ({ path: [key], message: `Expected an ISO 8601 date-time, got "${query[key]}".` })), { platform: 'amazon', operation: 'listTransactions' });
  }
  if (after >= until) return [];
  const windows: { postedAfter: string; postedBefore: string }[] = [];
  for (let start = after; start < until; start += MAX_WINDOW_MS) {
    windows.push({ postedAfter: new Date(start).toISOString(), postedBefore: new Date(Math.min(start + MAX_WINDOW_MS, until)).toISOString() });
  }
  return windows;
}

/**
 * Financial events with Finances 2024-06-19 `listTransactions`: by order (related identifier
 * `ORDER_ID`) or by posted date in windows of at most 180 days, each paged with `nextToken`
 * (repeating the window's filters, as Amazon requires).
 */
export async function* listTransactions2024(client: SpApiClient, clock: Clock, query: ListFinancialEventsQuery, signal?: AbortSignal): AsyncIterable<FinancialEvent> {
  const now = clock.now();
  const fallback = new Date(now).toISOString();
  const filters: ListTransactionsFilter[] = query.orderId ? [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: query.orderId }] : transactionWindows(query, now);
  for (const filter of filters) {
    let nextToken: string | undefined;
    do {
      const page = await client.listTransactions<{ transactions?: SpApiTransaction[]; nextToken?: string }>(nextToken ? { ...filter, nextToken } : filter, signal);
      yield* unwrapMapped(fromSpApiTransactions(page.transactions ?? [], fallback), 'listTransactions');
      nextToken = page.nextToken || undefined;
    } while (nextToken);
  }
}
