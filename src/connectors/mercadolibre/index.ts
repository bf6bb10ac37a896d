/**
 * The MercadoLibre connector: `mercadolibreMarketplace` (the factory definition) and
 * `MercadoLibreMarketplace` (the class) for items and variations, prices, stock on items or
 * per warehouse (user products), orders, Mercado Envíos shipments and cancellations; OAuth
 * with single-use rotating refresh tokens refreshed once across processes; budgets per
 * application and resource family; notifications acknowledged at once, processed through the
 * webhook processor, and recovered from `/missed_feeds`.
 *
 * @example
 * ```ts
 * import { MercadoLibreMarketplace } from 'marketbridge/connectors/mercadolibre';
 * const ml = new MercadoLibreMarketplace(
 *   { site: 'MLA', sellerId: 468424240, credentials: { clientId: process.env.ML_CLIENT_ID!, clientSecret: process.env.ML_CLIENT_SECRET!, refreshToken: process.env.ML_REFRESH_TOKEN } },
 *   { store: redisStore, lock: redisLock },
 * );
 * await ml.setInventory([{ sku: 'MUG-1', quantity: 12 }]);
 * ```
 *
 * @module marketbridge/connectors/mercadolibre
 */
export { mercadolibreMarketplace } from './definition.js';
export { MercadoLibreMarketplace, type MercadoLibreMarketplaceOptions } from './mercadolibre-marketplace.js';
export { mercadolibreEnvironments } from './environments.js';
export { MercadoLibreConfigSchema, type MercadoLibreConfig, type MercadoLibreConfigInput } from './config.js';
export {
  MERCADOLIBRE_SITES,
  MERCADOLIBRE_SITE_IDS,
  MERCADOLIBRE_API_URL,
  MERCADOLIBRE_TOKEN_URL,
  MERCADOLIBRE_PRODUCTION_HOSTS,
  type MercadoLibreSite,
  type MercadoLibreSiteId,
} from './sites.js';
export {
  MERCADOLIBRE_LIMITS,
  MERCADOLIBRE_OPERATION_RESOURCES,
  mercadolibreResourceOf,
  mercadolibreRateLimitPlan,
  type MercadoLibreLimit,
  type MercadoLibreResource,
} from './limits.js';
export {
  createMercadoLibreAuth,
  mercadolibreOAuthConfig,
  type MercadoLibreAuth,
  type MercadoLibreAuthDeps,
  type MercadoLibreOAuthInput,
} from './auth.js';
export { MercadoLibreClient, type MercadoLibreClientOptions } from './client.js';
export type { MercadoLibreRequest } from './requests/types.js';
export type { MercadoLibreCancelReason } from './requests/orders.js';
export { MERCADOLIBRE_MULTIGET_MAX, MERCADOLIBRE_SCAN_MAX_LIMIT } from './requests/items.js';
export type * from './types/index.js';
export { MERCADOLIBRE_ITEM_LOCATION } from './operations/item-stock.js';
export { SkuIndex, type SkuEntry, type SkuIndexOptions } from './operations/sku-index.js';
export { mercadolibreProductMapper } from './mapper/platform-mapper.js';
export { MERCADOLIBRE_SKU_ATTRIBUTE } from './mapper/items.js';
export { MERCADOLIBRE_ORDER_STATUSES, orderStatusOf } from './mapper/orders.js';
export {
  createMercadoLibreNotifications,
  type MercadoLibreNotifications,
  type MercadoLibreNotificationsOptions,
  type MercadoLibreNotificationHandler,
  type MercadoLibreResourceEvent,
} from './notifications/notifications.js';
export type { NotifiedResource } from './notifications/resource.js';
export {
  createMercadoLibreVerifier,
  MERCADOLIBRE_TOPICS,
  type MercadoLibreNotification,
  type MercadoLibreVerifierOptions,
} from './notifications/verifier.js';
export type { MissedFeedsOptions, MissedFeedsSummary } from './notifications/missed-feeds.js';
export { mercadolibreHttpResponse } from './notifications/http-response.js';
