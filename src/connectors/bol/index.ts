/**
 * The bol.com connector: Retailer API v10 with process statuses, the offers export, bundle
 * prices, stock, orders, shipments, cancellations, push subscriptions with verified
 * notifications, and per-endpoint fixed windows learned from bol.com's headers.
 *
 * @example
 * ```ts
 * import { BolMarketplace } from 'marketbridge/connectors/bol';
 * const bol = new BolMarketplace({ clientId: process.env.BOL_CLIENT_ID!, clientSecret: process.env.BOL_CLIENT_SECRET!, environment: 'demo' });
 * console.log(await bol.healthCheck());
 * ```
 *
 * @module marketbridge/connectors/bol
 */
export { bolMarketplace } from './definition.js';
export { BolMarketplace, type BolMarketplaceOptions } from './bol-marketplace.js';
export { BolConfigSchema, type BolConfig, type ResolvedBolConfig } from './config.js';
export {
  BOL_MEDIA_TYPE,
  BOL_CSV_MEDIA_TYPE,
  BOL_TOKEN_URL,
  BOL_ENVIRONMENTS,
  resolveBolEndpoints,
  type BolEndpoints,
} from './endpoints.js';
export { bolEnvironments, isBolProductionUrl } from './environments.js';
export { createBolAuth, type BolAuth, type BolCredentials } from './auth.js';
export { BolClient, type BolClientOptions } from './client.js';
export { bolClassifier, bolWindowFeedback, bolProblemOf, type BolProblem } from './classifier.js';
export {
  BOL_RATE_LIMITS,
  BOL_OPERATION_WINDOWS,
  bolRateLimitPlan,
  type BolOperation,
  type BolWindow,
} from './limits.js';
export { BOL_ATTRIBUTES, BOL_DELIVERY_CODES } from './mapper/attributes.js';
export { BOL_CURRENCY, BOL_UNIT_PRICE_RANGE } from './mapper/money.js';
export { BOL_BUNDLE_RULES, type BundlePrice } from './mapper/bundle-prices.js';
export { BOL_TRANSPORTER_CODES, transporterCode } from './mapper/carriers.js';
export { BOL_CANCELLATION_REASONS, cancellationReason } from './mapper/cancellation-reasons.js';
export { bolOfferMapper, createBolOfferMapper } from './mapper/platform-mapper.js';
export type { BolIdentifier, BolOfferDefaults } from './mapper/offer.js';
export { BOL_MAX_STOCK, BOL_RETAILER_LOCATION, BOL_WAREHOUSE_LOCATION } from './writes/stock.js';
export { BOL_SHIPMENT_MAX_ITEMS } from './writes/order-writes.js';
export type { BolBundlePriceUpdate } from './writes/prices.js';
export type { BolWriteOptions } from './writes/by-sku.js';
export { BolNotifications } from './notifications/subscriptions.js';
export type { BolSubscriptionRequest } from './requests/subscriptions.js';
export { createBolVerifier, parseBolSignatureHeader, type BolVerifierOptions } from './notifications/verifier.js';
export {
  parseBolPushEvent,
  bolEventId,
  type BolPushEvent,
  type BolPushEvents,
  type BolPushResource,
} from './notifications/events.js';
export {
  BOL_PUSH_RESOURCES,
  bolPushEnvelopeSchema,
  bolPushEventSchema,
  isBolPushResource,
} from './notifications/push-schemas.js';
export {
  bolPushRoutes,
  type BolPushHandlers,
  type BolPushRouteOptions,
  type BolUntypedPushHandler,
} from './notifications/routes.js';
export { bolOfferExportJob } from './offers-export/export-job.js';
export { BOL_EXPORT_COLUMNS } from './offers-export/rows.js';
export type { SettledProcessStatus } from './process-status/outcome.js';
export type * from './types.js';
export type { BolRequest } from './requests/types.js';
