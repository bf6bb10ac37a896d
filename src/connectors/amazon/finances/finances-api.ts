import type { Clock } from '../../../core/clock.js';
import type { ListFinancialEventsQuery } from '../../../core/queries.js';
import type { FinancialEvent } from '../../../model/finance.js';
import type { SpApiClient } from '../client.js';

/**
 * The Finances API generations behind `listFinancialEvents` (`financesApi` in the connector's
 * configuration): each lives in a folder of its own behind {@link AmazonFinancesApi}.
 *
 * @category Operations
 */
export type AmazonFinancesVersion = 'v0' | '2024-06-19';

/**
 * What every Finances API generation answers, in canonical terms. The connector picks one
 * generation when it is constructed; retiring a generation is deleting its folder.
 *
 * @example
 * ```ts
 * const finances: AmazonFinancesApi = createAmazonFinancesApi('2024-06-19', { client, clock });
 * for await (const event of finances.listFinancialEvents({ orderId: '902-1845936-5435065' })) console.log(event.type);
 * ```
 *
 * @category Operations
 */
export interface AmazonFinancesApi {
  /** The generation answering. */
  readonly version: AmazonFinancesVersion;
  /** Money movements of a time range or of one order, paged lazily. */
  listFinancialEvents(query: ListFinancialEventsQuery, signal?: AbortSignal): AsyncIterable<FinancialEvent>;
}

/**
 * What a Finances API generation needs: the operation-level client and the clock (default
 * windows, settling time).
 *
 * @category Operations
 */
export interface AmazonFinancesDeps {
  client: SpApiClient;
  clock: Clock;
}
