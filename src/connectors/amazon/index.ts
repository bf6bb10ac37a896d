/**
 * Amazon Selling Partner API connector: listings (JSON Patch and JSON_LISTINGS_FEED), FBA
 * inventory, orders (Orders 2026-01-01, buyer data included), shipment confirmation, reports,
 * financial transactions (Finances 2024-06-19), catalog items and notifications, with
 * per-operation usage plans from the models.
 *
 * @example
 * ```ts
 * import { amazonMarketplace } from 'marketbridge/connectors/amazon';
 * factory.register(amazonMarketplace);
 * const amazon = await factory.create('amazon', { sellerId, marketplaceId: 'ATVPDKIKX0DER', credentials });
 * ```
 *
 * @module marketbridge/connectors/amazon
 */
export { amazonMarketplace } from './definition.js';
export { AmazonMarketplace, type AmazonMarketplaceOptions } from './amazon-marketplace.js';
export { AmazonConfigSchema, type AmazonConfig, type AmazonConfigInput } from './config.js';
export { SpApiClient, type SpApiClientOptions, type RestrictedTokenEntry } from './client.js';
export * from './endpoints.js';
export { amazonEnvironments } from './environments.js';
export { AMAZON_OPERATION_LIMITS } from './limits.generated.js';
export type { AmazonOperationLimit } from './limits-types.js';
export { LISTINGS_FEED_SUBMISSIONS, operationLimit } from './limits.js';
export * from './requests/index.js';
export * from './feeds/listings-feed.js';
export * from './feeds/processing-report.js';
export * from './jobs/feed-job.js';
export * from './jobs/report-job.js';
export { amazonReportJob } from './jobs/report-async-job.js';
export type { ListingUpdate, ListingUpdateOptions } from './listing-updates.js';
export { offerOnlyAttributes, type AmazonListingPut, type ParsedProductInput } from './listing-puts.js';
export type { GetOrdersFilter } from './orders/v0/requests.js';
export type {
  SearchOrdersFilter,
  Orders2026Dataset,
  Orders2026FulfillmentStatus,
} from './orders/2026-01-01/requests.js';
export type { ListTransactionsFilter } from './finances/2024-06-19/requests.js';
export { mfnLocationId, afnLocationId, amazonStockPool, type AmazonStockPool } from './mapper/inventory.js';
export type { AmazonOrdersApi, AmazonOrdersDeps, AmazonOrdersVersion, UnshippedLine } from './orders/orders-api.js';
export { createAmazonOrdersApi } from './orders/create-orders-api.js';
export { AmazonOrdersV0 } from './orders/v0/orders-v0.js';
export { AmazonOrders20260101 } from './orders/2026-01-01/orders-2026-01-01.js';
export type { AmazonFinancesApi, AmazonFinancesDeps, AmazonFinancesVersion } from './finances/finances-api.js';
export { createAmazonFinancesApi } from './finances/create-finances-api.js';
export { AmazonFinancesV0 } from './finances/v0/finances-v0.js';
export { AmazonFinances20240619 } from './finances/2024-06-19/finances-2024-06-19.js';
export * from './transport/types.js';
export { amazonClassifier } from './classify.js';
export { amazonHeaderFeedback } from './header-feedback.js';
export {
  createAmazonPipelineTransport,
  amazonRateLimitPlan,
  type AmazonPipelineTransportOptions,
} from './transport/pipeline-transport.js';
export { amazonBudgetKeys, type AmazonBudgetKeys, type AmazonBudgetScope } from './transport/budget-scope.js';
export { amazonSellerConnectionId } from './transport/seller-record.js';
export {
  createLwaAuth,
  GRANTLESS_OPERATIONS,
  grantlessConnectionId,
  type LwaAuth,
  type LwaAuthDeps,
  type LwaCredentials,
} from './transport/lwa-auth.js';
export * from './notifications/manage.js';
export * from './notifications/events.js';
export { parseAmazonNotification, parseNotificationDocument } from './notifications/parse.js';
export type * from './notifications/documents.js';
export { AMAZON_NOTIFICATION_TYPES, amazonNotificationTypeOf } from './notifications/notification-types.js';
export { unwrapAmazonNotification } from './notifications/unwrap.js';
export {
  amazonNotificationEnvelopeSchema,
  amazonNotificationFacts,
  amazonNotificationSchema,
} from './notifications/schemas.js';
export {
  amazonNotificationRoutes,
  type AmazonNotificationHandlers,
  type AmazonNotificationRouteOptions,
  type AmazonUntypedNotificationHandler,
} from './notifications/routes.js';
