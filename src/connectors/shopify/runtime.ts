import type { ResolvedContext } from '../../core/context.js';
import { ConflictError } from '../../core/errors/conflict-error.js';
import type { MarketbridgeError } from '../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../core/errors/not-found-error.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { ShopifyVersionFeatures } from './api-version.js';
import type { ResolvedShopifyConfig } from './config.js';
import type { ShopifyGraphqlClient } from './graphql-client.js';
import type { ShopifyUserError } from './types.js';

/**
 * What the connector's operations share: the GraphQL client, the validated configuration,
 * the context and lazily read shop facts.
 *
 * @example
 * ```ts
 * const currency = await runtime.currency();
 * ```
 */
export interface ShopifyRuntime {
  readonly client: ShopifyGraphqlClient;
  readonly config: ResolvedShopifyConfig;
  readonly context: ResolvedContext;
  /** The shop's currency (configured, or read once). */
  currency(signal?: AbortSignal): Promise<string>;
  /** Remembers the currency an answer carried, so that it is not read again. */
  learnCurrency(code: string): void;
  /** The location GID writes without a `locationId` go to. */
  defaultLocation(signal?: AbortSignal): Promise<string>;
  /**
   * The features of the API version Shopify serves (the configured one until an answer says
   * otherwise). Read it after the call that precedes a write, not once per operation.
   */
  features(): ShopifyVersionFeatures;
}

/**
 * A Shopify search query matching any of the SKUs, with quotes escaped.
 *
 * @example
 * ```ts
 * skuSearch(['A-1', "B'2"]); // "sku:'A-1' OR sku:'B\\'2'"
 * ```
 */
export function skuSearch(skus: readonly string[]): string {
  return skus.map((sku) => `sku:'${sku.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(' OR ');
}

/**
 * Splits `items` into chunks of at most `size`.
 *
 * @example
 * ```ts
 * chunk([1, 2, 3], 2); // [[1, 2], [3]]
 * ```
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * Runs `work` on every item with at most `limit` in flight; results in input order.
 *
 * @example
 * ```ts
 * const results = await mapConcurrent(chunks, 2, (chunk) => send(chunk));
 * ```
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The index of the input item a user error points at, from its `field` path (the number
 * after `listName`), or undefined.
 *
 * @example
 * ```ts
 * userErrorIndex({ field: ['input', 'quantities', '3', 'compareQuantity'], message: '' }, 'quantities'); // 3
 * ```
 */
export function userErrorIndex(error: ShopifyUserError, listName: string): number | undefined {
  const field = error.field ?? [];
  const at = field.indexOf(listName);
  const index = at >= 0 ? Number(field[at + 1]) : Number.NaN;
  return Number.isInteger(index) ? index : undefined;
}

/**
 * The typed error for one item's Shopify user error: stale compare values are conflicts,
 * missing resources are not-found, invalid values are validation errors.
 *
 * @example
 * ```ts
 * const error = userErrorToError({ field: ['id'], message: 'Product does not exist' }, 'deleteProducts');
 * ```
 */
export function userErrorToError(error: ShopifyUserError, operation: string): MarketbridgeError {
  const options = { platform: 'shopify', operation };
  const code = error.code ?? '';
  if (code.endsWith('_STALE')) return new ConflictError(`${error.message} Re-read the level and decide again.`, options);
  if (/NOT_FOUND|DOES_NOT_EXIST|INVALID_INVENTORY_ITEM|INVALID_LOCATION/.test(code) || /does not exist|not found/i.test(error.message)) {
    return new NotFoundError(error.message, options);
  }
  if (/^INVALID|BLANK|TOO_|NEGATIVE|TAKEN/.test(code)) {
    return new ValidationError(`Shopify ${operation} input`, [{ path: error.field ?? [], message: error.message, code }], options);
  }
  return new MarketplaceApiError(`Shopify refused ${operation}: ${error.message}`, { ...options, body: error });
}
