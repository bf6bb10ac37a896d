/**
 * A faithful Shopify Admin GraphQL API for msw: cost bucket, THROTTLED answers, userErrors,
 * stale compare quantities, bulk operations, webhooks and OAuth, with state.
 *
 * @example
 * ```ts
 * import { ShopifySimulator } from 'marketbridge/testing/msw';
 * const simulator = new ShopifySimulator({ products: 10 });
 * setupServer(...simulator.handlers).listen({ onUnhandledRequest: 'error' });
 * ```
 *
 * @module
 */
export { ShopifySimulator, type ShopifySimulatorOptions, type ShopifySimulatorStats } from './simulator.js';
export { oauthHandler, type SimOAuthOptions, type SimIssuedTokens } from './oauth.js';
export { SIM_BULK_BASE_URL, bulkResolvers, bulkResult } from './bulk.js';
export {
  createSimState,
  gid,
  gidNumber,
  levelKey,
  nextId,
  type ShopifySimState,
  type SimBulkOperation,
  type SimLevel,
  type SimOrder,
  type SimOrderLine,
  type SimProduct,
  type SimVariant,
} from './state.js';
export { SimGraphqlError, type SimResolver, type SimResolverContext, type SimResolverResult } from './resolver.js';
export { parseSearch, type SearchTerm } from './search-terms.js';
export { page } from './paging.js';
