/**
 * The Shopify connector: `shopifyMarketplace` (the factory definition) and
 * `ShopifyMarketplace` (the class), the GraphQL client with cost-based throttling, the
 * mapper, the documents it sends, webhooks, OAuth and bulk operations.
 *
 * @example
 * ```ts
 * import { ShopifyMarketplace } from 'marketbridge/connectors/shopify';
 * const shopify = new ShopifyMarketplace({ shop: 'acme.myshopify.com', accessToken: process.env.SHOPIFY_TOKEN! });
 * ```
 *
 * @module marketbridge/connectors/shopify
 */
export { shopifyMarketplace } from './definition.js';
export { shopifyEnvironments } from './environments.js';
export { ShopifyMarketplace } from './shopify-marketplace.js';
export {
  ShopifyConfigSchema,
  shopifyAccessTokenAuth,
  type ShopifyConfig,
  type ResolvedShopifyConfig,
} from './config.js';
export {
  SHOPIFY_DEFAULT_API_VERSION,
  SHOPIFY_API_VERSION_PATTERN,
  apiVersionAtLeast,
  versionFeatures,
  type ShopifyVersionFeatures,
} from './api-version.js';
export { normalizeShopDomain, type ShopDomainReason } from './shop-domain.js';
export { toGid, fromGid } from './gid.js';
export {
  SHOPIFY_PLAN_LIMITS,
  SHOPIFY_SINGLE_QUERY_MAX_COST,
  SHOPIFY_COST_HEADROOM,
  shopifyRateLimitPlan,
  plannedCost,
  type ShopifyPlan,
  type ShopifyCostLimits,
  type ShopifyQueryCost,
  type ShopifyThrottleStatus,
} from './cost-planner.js';
export { estimateQueryCost, largestPageWithin } from './query-cost.js';
export {
  ShopifyGraphqlClient,
  type ShopifyGraphqlClientOptions,
  type GraphqlCallOptions,
  type GraphqlResult,
} from './graphql-client.js';
export type * from './types.js';
export { ShopifyWebhookSubscriptions, type ShopifyWebhookSubscription } from './subscriptions.js';
export * from './webhooks.js';
export { createShopifyVerifier, type ShopifyVerifierOptions } from './webhook-verifier.js';
export { shopifyGraphqlClassifier } from './classify.js';
export { shopifyCallLimitFeedback } from './header-feedback.js';
export * from './compliance-webhooks.js';
export { shopifyWebhookSchema, isShopifyWebhookTopic } from './webhook-schemas.js';
export {
  ShopifyOAuth,
  verifyShopifyQueryHmac,
  shopifyQueryHmacMessage,
  type ShopifyOAuthConfig,
  type ShopifyCallbackFailureReason,
  type ShopifyInstall,
} from './oauth.js';
export {
  verifyShopifySessionToken,
  SHOPIFY_SESSION_TOKEN_CLOCK_TOLERANCE_SECONDS,
  type ShopifySessionTokenClaims,
  type ShopifySessionTokenFailureReason,
  type ShopifySessionTokenOptions,
} from './session-token.js';
export {
  shopifyBulkJob,
  loadBulkJob,
  bulkStateKey,
  exportCatalog,
  exportInventory,
  type ShopifyBulkExportKind,
  type ShopifyBulkExportOptions,
} from './bulk.js';
export {
  ShopifyIdempotencyKeyReusedError,
  SHOPIFY_PREVIOUS_ATTEMPT_FAILED,
  SHOPIFY_FRESH_KEY_LIMIT,
} from './idempotency.js';
export type { MapResult, ShopifyMapReason } from './mapper.js';
export type { ShopifyRuntime } from './runtime.js';
export { SHOPIFY_OPERATIONS, type ShopifyOperationName } from './operation-names.js';
export { shopifyProductMapper, type ShopifyProductSetVariables } from './platform-mapper.js';
export { orderFromWebhook } from './webhook-mapper.js';
