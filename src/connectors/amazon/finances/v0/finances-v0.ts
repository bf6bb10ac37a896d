import type { Clock } from '../../../../core/clock.js';
import type { ListFinancialEventsQuery } from '../../../../core/queries.js';
import type { FinancialEvent } from '../../../../model/finance.js';
import type { SpApiClient } from '../../client.js';
import { unwrapMapped } from '../../mapper/unwrap.js';
import type { AmazonFinancesApi, AmazonFinancesDeps } from '../finances-api.js';
import { fromSpApiFinancialEvents, type SpApiFinancialEvents } from './mapper.js';
import { listFinancialEventsByOrderIdRequest, listFinancialEventsRequest } from './requests.js';

/**
 * Finances API v0: `listFinancialEvents` (or `listFinancialEventsByOrderId`) pages, sales and
 * fees as separate events. The raw calls answer Amazon's own shapes (`payload` unwrapped).
 *
 * @example
 * ```ts
 * const finances = new AmazonFinancesV0({ client: amazon.client, clock });
 * const page = await finances.listFinancialEventsPage({ postedAfter: '2026-11-01T00:00:00Z' });
 * ```
 *
 * @category Operations
 */
export class AmazonFinancesV0 implements AmazonFinancesApi {
  readonly version = 'v0';
  readonly #client: SpApiClient;
  readonly #clock: Clock;

  /** @param deps - the client and the clock */
  constructor(deps: AmazonFinancesDeps) {
    this.#client = deps.client;
    this.#clock = deps.clock;
  }

  /** `listFinancialEvents` (one page). */
  listFinancialEventsPage<T = { FinancialEvents: unknown; NextToken?: string }>(
    options: { postedAfter?: string; postedBefore?: string; nextToken?: string },
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#client.sendPayload(listFinancialEventsRequest(options), signal);
  }

  /** `listFinancialEventsByOrderId` (one page). */
  listFinancialEventsByOrderId<T = { FinancialEvents: unknown; NextToken?: string }>(
    orderId: string,
    nextToken?: string,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#client.sendPayload(
      listFinancialEventsByOrderIdRequest({ orderId, ...(nextToken ? { nextToken } : {}) }),
      signal,
    );
  }

  /** Financial events of a time range or of one order, page by page. */
  async *listFinancialEvents(query: ListFinancialEventsQuery, signal?: AbortSignal): AsyncIterable<FinancialEvent> {
    let nextToken: string | undefined;
    const fallback = new Date(this.#clock.now()).toISOString();
    do {
      const page = query.orderId
        ? await this.listFinancialEventsByOrderId<{ FinancialEvents: SpApiFinancialEvents; NextToken?: string }>(
            query.orderId,
            nextToken,
            signal,
          )
        : await this.listFinancialEventsPage<{ FinancialEvents: SpApiFinancialEvents; NextToken?: string }>(
            nextToken
              ? { nextToken }
              : {
                  ...(query.since ? { postedAfter: query.since } : {}),
                  ...(query.until ? { postedBefore: query.until } : {}),
                },
            signal,
          );
      yield* unwrapMapped(fromSpApiFinancialEvents(page.FinancialEvents ?? {}, fallback), 'listFinancialEvents');
      nextToken = page.NextToken;
    } while (nextToken);
  }
}
