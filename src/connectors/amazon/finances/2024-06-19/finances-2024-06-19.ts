import type { Clock } from '../../../../core/clock.js';
import { ValidationError } from '../../../../core/errors/validation-error.js';
import type { ListFinancialEventsQuery } from '../../../../core/queries.js';
import type { FinancialEvent } from '../../../../model/finance.js';
import type { SpApiClient } from '../../client.js';
import type { AmazonFinancesApi, AmazonFinancesDeps } from '../finances-api.js';
import { fromSpApiTransactions, type SpApiTransaction } from './mapper.js';
import { unwrapMapped } from '../../mapper/unwrap.js';
import { listTransactionsRequest, type ListTransactionsFilter } from './requests.js';

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
 *
 * @example
 * ```ts
 * transactionWindows({ since: '2026-01-01T00:00:00Z' }, Date.parse('2026-11-01T00:00:00Z')).length; // 2
 * ```
 */
export function transactionWindows(
  query: ListFinancialEventsQuery,
  now: number,
): { postedAfter: string; postedBefore: string }[] {
  const latest = now - SETTLING_MS;
  const after = query.since ? Date.parse(query.since) : now - 30 * DAY_MS;
  const until = query.until ? Math.min(Date.parse(query.until), latest) : latest;
  // An unreadable date would otherwise make no window at all: an empty answer instead of an error.
  const unreadable = (['since', 'until'] as const).filter((key) => query[key] && Number.isNaN(Date.parse(query[key])));
  if (unreadable.length > 0) {
    throw new ValidationError(
      'listFinancialEvents query',
      unreadable.map((key) => ({ path: [key], message: `Expected an ISO 8601 date-time, got "${query[key]}".` })),
      { platform: 'amazon', operation: 'listTransactions' },
    );
  }
  if (after >= until) return [];
  const windows: { postedAfter: string; postedBefore: string }[] = [];
  for (let start = after; start < until; start += MAX_WINDOW_MS) {
    windows.push({
      postedAfter: new Date(start).toISOString(),
      postedBefore: new Date(Math.min(start + MAX_WINDOW_MS, until)).toISOString(),
    });
  }
  return windows;
}

/**
 * Finances API 2024-06-19: `listTransactions`, one event per transaction with its net amount,
 * by order (related identifier `ORDER_ID`) or by posted date in windows of at most 180 days,
 * each paged with `nextToken` (repeating the window's filters, as Amazon requires).
 *
 * @example
 * ```ts
 * const finances = new AmazonFinances20240619({ client: amazon.client, clock });
 * for await (const event of finances.listFinancialEvents({ since: '2026-11-01T00:00:00Z' })) console.log(event.amount);
 * ```
 *
 * @category Operations
 */
export class AmazonFinances20240619 implements AmazonFinancesApi {
  readonly version = '2024-06-19';
  readonly #client: SpApiClient;
  readonly #clock: Clock;

  /** @param deps - the client and the clock */
  constructor(deps: AmazonFinancesDeps) {
    this.#client = deps.client;
    this.#clock = deps.clock;
  }

  /** `listTransactions` (one page: `transactions` and `nextToken`, `payload` unwrapped). */
  listTransactions<T = { transactions?: unknown[]; nextToken?: string }>(
    filter: ListTransactionsFilter,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#client.sendPayload(listTransactionsRequest(filter), signal);
  }

  /** Financial events by order, or by posted date in windows of at most 180 days. */
  async *listFinancialEvents(query: ListFinancialEventsQuery, signal?: AbortSignal): AsyncIterable<FinancialEvent> {
    const now = this.#clock.now();
    const fallback = new Date(now).toISOString();
    const filters: ListTransactionsFilter[] = query.orderId
      ? [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: query.orderId }]
      : transactionWindows(query, now);
    for (const filter of filters) {
      let nextToken: string | undefined;
      do {
        const page = await this.listTransactions<{ transactions?: SpApiTransaction[]; nextToken?: string }>(
          nextToken ? { ...filter, nextToken } : filter,
          signal,
        );
        yield* unwrapMapped(fromSpApiTransactions(page.transactions ?? [], fallback), 'listTransactions');
        nextToken = page.nextToken || undefined;
      } while (nextToken);
    }
  }
}
