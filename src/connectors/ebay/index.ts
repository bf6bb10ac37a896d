/**
 * The eBay connector: `ebayMarketplace` (the factory definition) and `EbayMarketplace` (the
 * class) over the Sell Inventory, Sell Fulfillment, Post-Order and Notification APIs; OAuth
 * helpers, call limits, the product mapper, and the notification endpoint (validation
 * challenge, signed deliveries, Marketplace Account Deletion).
 *
 * @example
 * ```ts
 * import { EbayMarketplace } from 'marketbridge/connectors/ebay';
 * import { money } from 'marketbridge';
 *
 * const ebay = new EbayMarketplace({
 *   environment: 'sandbox',
 *   credentials: { clientId: process.env.EBAY_APP_ID!, clientSecret: process.env.EBAY_CERT_ID!, refreshToken: process.env.EBAY_REFRESH_TOKEN },
 * });
 * await ebay.updatePriceQuantity([{ sku: 'MUG-1', price: money(1299, 'USD'), quantity: 40 }]);
 * ```
 *
 * @module marketbridge/connectors/ebay
 */
export { ebayMarketplace } from './definition.js';
export { EbayMarketplace, type EbayMarketplaceOptions } from './ebay-marketplace.js';
export {
  EbayConfigSchema,
  EBAY_REVISIONS_PER_LISTING_PER_DAY,
  type EbayConfig,
  type ResolvedEbayConfig,
} from './config.js';
export { ebayEnvironments } from './environments.js';
export {
  EBAY_ENDPOINTS,
  EBAY_PRODUCTION_HOSTS,
  resolveEbayUrls,
  type EbayEnvironment,
  type EbayUrls,
  type EbayEndpointOverrides,
} from './endpoints.js';
export {
  EBAY_MARKETPLACES,
  EBAY_MARKETPLACE_IDS,
  ebayMarketplaceInfo,
  type EbayMarketplaceInfo,
  type EbayMarketplaceId,
} from './marketplaces.js';
export { EBAY_SCOPES, EBAY_DEFAULT_USER_SCOPES } from './scopes.js';
export { EBAY_CALL_LIMITS, ebayRateLimitPlan, ebayTokenBucket, type EbayCallLimit } from './limits.js';
export {
  EBAY_OPERATIONS,
  type EbayApi,
  type EbayTokenKind,
  type EbayOperation,
  type EbayOperationInfo,
} from './operations-table.js';
export { EBAY_TOKEN_HEADER, type EbayAuth, type EbayConnectionStatus } from './auth.js';
export { EbayClient, type EbayClientOptions } from './client.js';
export type { EbayRequest } from './requests/types.js';
export { EBAY_BULK_MAX, EBAY_INVENTORY_PAGE_MAX } from './requests/inventory.js';
export { EBAY_ORDERS_WINDOW_MS, EBAY_ORDERS_PAGE_MAX } from './requests/fulfillment.js';
export type { EbaySellerCancelReason } from './requests/post-order.js';
export { ebayClassifier, EBAY_INVALID_TOKEN_ERRORS } from './classify.js';
export { describeEbayErrors, EBAY_TOO_MANY_REQUESTS, EBAY_NOT_FOUND_ERRORS, type EbayErrorDetail } from './errors.js';
export { EbayRevisionGuard, type EbayRevisionBudget } from './revisions.js';
export { EbayOfferIndex, type EbayOfferRef } from './offer-index.js';
export { EbayPriceQuantityUpdateSchema, type EbayPriceQuantityUpdate } from './operations/price-quantity.js';
export { EBAY_TITLE_MAX } from './operations/catalog-write.js';
export { EBAY_CANCEL_REASONS } from './operations/cancellations.js';
export {
  EBAY_CONDITIONS,
  EBAY_DEFAULT_CONDITIONS,
  canonicalCondition,
  isEbayCondition,
  type EbayCondition,
  type CanonicalCondition,
} from './mapper/condition.js';
export { toEbayAmount, fromEbayAmount } from './mapper/money.js';
export type { EbayMappingOptions } from './mapper/overrides.js';
export { EBAY_ATTRIBUTES, EBAY_ASPECT_SEPARATOR } from './mapper/product.js';
export { EBAY_SHIP_TO_HOME } from './mapper/inventory.js';
export { createEbayProductMapper, ebayProductMapper, type EbayListingPayload } from './mapper/platform-mapper.js';
export type * from './types.js';
export {
  ebayChallengeResponse,
  checkEbayEndpointSettings,
  EBAY_VERIFICATION_TOKEN_PATTERN,
} from './notifications/challenge.js';
export {
  createEbayNotificationEndpoint,
  handleEbayNotification,
  type EbayNotificationEndpointOptions,
} from './notifications/endpoint.js';
export {
  EBAY_ACCOUNT_DELETION_TOPIC,
  parseEbayAccountDeletion,
  ebayAccountDeletionHandler,
  ebayNotificationRoutes,
  type EbayAccountDeletion,
  type EbayAccountDeletionHandler,
} from './notifications/account-deletion.js';
export { EbayNotificationApi } from './notifications/manage.js';
export { createEbayVerifier, EBAY_KID_PATTERN, type EbayVerifierOptions } from './notifications/verifier.js';
export {
  createEbayKeyFetcher,
  type EbayKeyFetcher,
  type EbayKeyFetcherOptions,
  type EbayPublicKey,
} from './notifications/key-fetcher.js';
export { ebayPublicKeyFetcher } from './notifications/public-key.js';
export type { EbayDestination, EbaySubscription, EbayTopic } from './notifications/types.js';
