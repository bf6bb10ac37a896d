import type { ResolvedContext } from '../../core/context.js';
import type { ShopifyVersionFeatures } from './api-version.js';
import type { ResolvedShopifyConfig } from './config.js';
import type { ShopifyGraphqlClient } from './graphql-client.js';

/**
 * What the connector's operations share: the GraphQL client, the validated configuration,
 * the context and lazily read shop facts.
 *
 * @category Operations
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
