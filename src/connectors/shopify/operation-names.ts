/**
 * The GraphQL operation names of every document the Shopify connector sends, by what they do.
 * They name the calls in the simulator's statistics (`stats().byOperation`) and are what
 * `ShopifySimulator.before(name, hook)` takes.
 *
 * @example
 * ```ts
 * simulator.before(SHOPIFY_OPERATIONS.inventorySetIdempotent, (state) => { state.levels.clear(); });
 * ```
 *
 * @category Marketplace
 */
export const SHOPIFY_OPERATIONS = {
  shop: 'MbShop',
  locations: 'MbLocations',
  products: 'MbProducts',
  product: 'MbProduct',
  variantsBySku: 'MbVariantsBySku',
  offersBySku: 'MbOffersBySku',
  productSet: 'MbProductSet',
  productDelete: 'MbProductDelete',
  variantsBulkUpdate: 'MbVariantsBulkUpdate',
  inventoryAtLocation: 'MbInventoryAtLocation',
  inventoryAllLocations: 'MbInventoryAllLocations',
  inventorySet: 'MbInventorySet',
  inventorySetIdempotent: 'MbInventorySetIdempotent',
  inventoryAdjust: 'MbInventoryAdjust',
  inventoryAdjustIdempotent: 'MbInventoryAdjustIdempotent',
  orders: 'MbOrders',
  order: 'MbOrder',
  orderCancel: 'MbOrderCancel',
  fulfillmentOrders: 'MbFulfillmentOrders',
  fulfillmentCreate: 'MbFulfillmentCreate',
  webhooks: 'MbWebhooks',
  webhookCreate: 'MbWebhookCreate',
  webhookDelete: 'MbWebhookDelete',
  bulkRunQuery: 'MbBulkRunQuery',
  bulkOperation: 'MbBulkOperation',
} as const;

/**
 * One of the connector's GraphQL operation names.
 *
 * @category Marketplace
 */
export type ShopifyOperationName = (typeof SHOPIFY_OPERATIONS)[keyof typeof SHOPIFY_OPERATIONS];
