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
import { defineMarketplace } from '../../core/define-marketplace.js';
import { AmazonMarketplace } from './amazon-marketplace.js';
import { AmazonConfigSchema } from './config.js';
import { amazonEnvironments } from './environments.js';

/**
 * The marketplace definition of Amazon SP-API, for `factory.register`.
 *
 * @example
 * ```ts
 * factory.register(amazonMarketplace);
 * const amazon = await factory.create('amazon', config, { clock });
 * ```
 */
export const amazonMarketplace = defineMarketplace({
  name: 'amazon',
  description: 'Amazon Selling Partner API (listings, feeds, orders, FBA inventory, reports, finances)',
  configSchema: AmazonConfigSchema,
  environments: amazonEnvironments,
  create: (config, context) => new AmazonMarketplace(config, context),
});

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
export { type ListingUpdate, type ListingUpdateOptions } from './listing-updates.js';
export { offerOnlyAttributes, type AmazonListingPut, type ParsedProductInput } from './listing-puts.js';
export * from './mapper/index.js';
export * from './transport/types.js';
export { createAmazonPipelineTransport, amazonRateLimitPlan, type AmazonPipelineTransportOptions } from './transport/pipeline-transport.js';
export { amazonBudgetKeys, type AmazonBudgetKeys, type AmazonBudgetScope } from './transport/budget-scope.js';
export { amazonSellerConnectionId } from './transport/seller-record.js';
export { createLwaAuth, GRANTLESS_OPERATIONS, grantlessConnectionId, type LwaAuth, type LwaAuthDeps, type LwaCredentials } from './transport/lwa-auth.js';
export * from './notifications/manage.js';
export * from './notifications/events.js';
export { parseAmazonNotification, parseNotificationDocument } from './notifications/parse.js';
