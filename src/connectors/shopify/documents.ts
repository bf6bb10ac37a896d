/**
 * Every GraphQL document the Shopify connector sends. They are plain strings (no GraphQL
 * runtime in the bundle); the contract test validates each one against Shopify's published
 * Admin schema. Each has an operation name, which the simulator dispatches on.
 */

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';
const MONEY_BAG = 'shopMoney { amount currencyCode }';

const VARIANT_FIELDS = `id sku title price compareAtPrice barcode
  selectedOptions { name value }
  inventoryItem { id }`;

const productFields = (variants: number) => `id title descriptionHtml vendor status updatedAt productType
  variants(first: ${variants}) { nodes { ${VARIANT_FIELDS} } ${PAGE_INFO} }`;

/**
 * Variants read per product when listing; a product with more is read again whole with
 * {@link PRODUCT_QUERY}. Keeps a listing page affordable under the single-query maximum.
 *
 * @example
 * ```ts
 * LIST_VARIANTS_PER_PRODUCT; // 25
 * ```
 */
export const LIST_VARIANTS_PER_PRODUCT = 25;

/**
 * Order lines read per order when listing; an order with more is read again with
 * {@link ORDER_QUERY}.
 *
 * @example
 * ```ts
 * LIST_LINES_PER_ORDER; // 20
 * ```
 */
export const LIST_LINES_PER_ORDER = 20;

/**
 * Reads the shop's name, currency and plan: the health check and the currency of prices.
 *
 * @example
 * ```ts
 * await client.request(SHOP_QUERY, {});
 * ```
 */
export const SHOP_QUERY = `query MbShop { shop { name currencyCode myshopifyDomain plan { partnerDevelopment shopifyPlus } } }`;

/**
 * Lists the shop's locations, a page at a time.
 *
 * @example
 * ```ts
 * await client.request(LOCATIONS_QUERY, { first: 50, after: null });
 * ```
 */
export const LOCATIONS_QUERY = `query MbLocations($first: Int!, $after: String) {
  locations(first: $first, after: $after) { nodes { id name isActive } ${PAGE_INFO} }
}`;

/**
 * Lists products with their variants, a page at a time, optionally filtered by a search query.
 *
 * @example
 * ```ts
 * await client.request(PRODUCTS_QUERY, { first: 10, after: null, query: 'status:active' });
 * ```
 */
export const PRODUCTS_QUERY = `query MbProducts($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: ID) { nodes { ${productFields(LIST_VARIANTS_PER_PRODUCT)} } ${PAGE_INFO} }
}`;

/**
 * Reads one product with its variants.
 *
 * @example
 * ```ts
 * await client.request(PRODUCT_QUERY, { id: 'gid://shopify/Product/1' });
 * ```
 */
export const PRODUCT_QUERY = `query MbProduct($id: ID!) { product(id: $id) { ${productFields(100)} } }`;

/**
 * Finds variants by SKU search (`sku:'A' OR sku:'B'`): their ids, product and price.
 *
 * @example
 * ```ts
 * await client.request(VARIANTS_BY_SKU_QUERY, { first: 2, after: null, query: "sku:'A' OR sku:'B'" });
 * ```
 */
export const VARIANTS_BY_SKU_QUERY = `query MbVariantsBySku($first: Int!, $after: String, $query: String!) {
  productVariants(first: $first, after: $after, query: $query) {
    nodes { id sku price compareAtPrice product { id } inventoryItem { id } }
    ${PAGE_INFO}
  }
}`;

/**
 * Finds offers by SKU search with everything an offer holds, and the shop's currency in the same
 * call, so one request answers a lookup even before the currency is known.
 *
 * @example
 * ```ts
 * await client.request(OFFERS_BY_SKU_QUERY, { first: 1, after: null, query: "sku:'A'" });
 * ```
 */
export const OFFERS_BY_SKU_QUERY = `query MbOffersBySku($first: Int!, $after: String, $query: String!) {
  shop { currencyCode }
  productVariants(first: $first, after: $after, query: $query) {
    nodes { ${VARIANT_FIELDS} product { id } }
    ${PAGE_INFO}
  }
}`;

/**
 * Finds variants by SKU and reads their stock at one location in the same call, so a set
 * costs one read per page.
 *
 * @example
 * ```ts
 * await client.request(INVENTORY_AT_LOCATION_QUERY, { first: 100, after: null, query: "sku:'A'", locationId });
 * ```
 */
export const INVENTORY_AT_LOCATION_QUERY = `query MbInventoryAtLocation($first: Int!, $after: String, $query: String!, $locationId: ID!) {
  productVariants(first: $first, after: $after, query: $query) {
    nodes {
      sku
      inventoryItem {
        id
        inventoryLevel(locationId: $locationId) {
          updatedAt
          quantities(names: ["available", "committed", "on_hand"]) { name quantity }
          location { id }
        }
      }
    }
    ${PAGE_INFO}
  }
}`;

/**
 * Finds variants by SKU and reads their stock at every location (up to `levels` locations).
 *
 * @example
 * ```ts
 * await client.request(INVENTORY_ALL_LOCATIONS_QUERY, { first: 20, after: null, query: "sku:'A'", levels: 10 });
 * ```
 */
export const INVENTORY_ALL_LOCATIONS_QUERY = `query MbInventoryAllLocations($first: Int!, $after: String, $query: String!, $levels: Int!) {
  productVariants(first: $first, after: $after, query: $query) {
    nodes {
      sku
      inventoryItem {
        id
        inventoryLevels(first: $levels) {
          nodes {
            updatedAt
            quantities(names: ["available", "committed", "on_hand"]) { name quantity }
            location { id }
          }
        }
      }
    }
    ${PAGE_INFO}
  }
}`;

/**
 * Creates or replaces a product with its variants (`productSet`, synchronous).
 *
 * @example
 * ```ts
 * await client.request(PRODUCT_SET_MUTATION, { input: { title: 'Mug', productOptions, variants }, identifier: null });
 * ```
 */
export const PRODUCT_SET_MUTATION = `mutation MbProductSet($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
  productSet(input: $input, identifier: $identifier, synchronous: true) {
    product { ${productFields(100)} }
    userErrors { field message code }
  }
}`;

/**
 * Deletes a product and its variants.
 *
 * @example
 * ```ts
 * await client.request(PRODUCT_DELETE_MUTATION, { input: { id: 'gid://shopify/Product/1' } });
 * ```
 */
export const PRODUCT_DELETE_MUTATION = `mutation MbProductDelete($input: ProductDeleteInput!) {
  productDelete(input: $input, synchronous: true) { deletedProductId userErrors { field message } }
}`;

/**
 * Updates the prices of several variants of one product.
 *
 * @example
 * ```ts
 * await client.request(VARIANTS_BULK_UPDATE_MUTATION, { productId, variants: [{ id, price: '12.99' }] });
 * ```
 */
export const VARIANTS_BULK_UPDATE_MUTATION = `mutation MbVariantsBulkUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants, allowPartialUpdates: true) {
    productVariants { id sku price compareAtPrice }
    userErrors { field message code }
  }
}`;

const SET_SELECTION = `{
    inventoryAdjustmentGroup { id changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { field message code }
  }`;

/**
 * Sets absolute quantities with compare-and-set (`compareQuantity`, API versions before
 * 2026-01). Up to {@link INVENTORY_SET_MAX_QUANTITIES} quantities a call.
 *
 * @example
 * ```ts
 * await client.request(INVENTORY_SET_MUTATION, { input: { name: 'available', reason: 'correction', quantities } });
 * ```
 */
export const INVENTORY_SET_MUTATION = `mutation MbInventorySet($input: InventorySetQuantitiesInput!) {
  inventorySetQuantities(input: $input) ${SET_SELECTION}
}`;

/**
 * Sets absolute quantities with compare-and-set (`changeFromQuantity`) and an `@idempotent`
 * key, for API versions 2026-01 and later.
 *
 * @example
 * ```ts
 * await client.request(INVENTORY_SET_IDEMPOTENT_MUTATION, { input, idempotencyKey: crypto.randomUUID() });
 * ```
 */
export const INVENTORY_SET_IDEMPOTENT_MUTATION = `mutation MbInventorySetIdempotent($input: InventorySetQuantitiesInput!, $idempotencyKey: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $idempotencyKey) ${SET_SELECTION}
}`;

/**
 * Applies quantity deltas (API versions before 2026-01, no idempotency key).
 *
 * @example
 * ```ts
 * await client.request(INVENTORY_ADJUST_MUTATION, { input: { name: 'available', reason: 'correction', changes } });
 * ```
 */
export const INVENTORY_ADJUST_MUTATION = `mutation MbInventoryAdjust($input: InventoryAdjustQuantitiesInput!) {
  inventoryAdjustQuantities(input: $input) ${SET_SELECTION}
}`;

/**
 * Applies quantity deltas once per `@idempotent` key (API versions 2026-01 and later).
 *
 * @example
 * ```ts
 * await client.request(INVENTORY_ADJUST_IDEMPOTENT_MUTATION, { input, idempotencyKey: 'order-991-line-1' });
 * ```
 */
export const INVENTORY_ADJUST_IDEMPOTENT_MUTATION = `mutation MbInventoryAdjustIdempotent($input: InventoryAdjustQuantitiesInput!, $idempotencyKey: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $idempotencyKey) ${SET_SELECTION}
}`;

const orderFields = (
  lines: number,
) => `id name createdAt updatedAt cancelledAt closed displayFulfillmentStatus email currencyCode
  customer { displayName }
  subtotalPriceSet { ${MONEY_BAG} }
  totalShippingPriceSet { ${MONEY_BAG} }
  totalTaxSet { ${MONEY_BAG} }
  totalPriceSet { ${MONEY_BAG} }
  shippingAddress { name company address1 address2 city provinceCode zip countryCodeV2 phone }
  lineItems(first: ${lines}) {
    nodes { id sku title quantity currentQuantity unfulfilledQuantity originalUnitPriceSet { ${MONEY_BAG} } }
    ${PAGE_INFO}
  }`;

/**
 * Lists orders updated at or after a time (search query `updated_at:>=...`), oldest first.
 *
 * @example
 * ```ts
 * await client.request(ORDERS_QUERY, { first: 50, after: null, query: "updated_at:>='2026-11-01T00:00:00Z'" });
 * ```
 */
export const ORDERS_QUERY = `query MbOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { nodes { ${orderFields(LIST_LINES_PER_ORDER)} } ${PAGE_INFO} }
}`;

/**
 * Reads one order.
 *
 * @example
 * ```ts
 * await client.request(ORDER_QUERY, { id: 'gid://shopify/Order/1' });
 * ```
 */
export const ORDER_QUERY = `query MbOrder($id: ID!) { order(id: $id) { ${orderFields(100)} } }`;

/**
 * Reads the open fulfillment orders of an order, with the line items still to ship.
 *
 * @example
 * ```ts
 * await client.request(FULFILLMENT_ORDERS_QUERY, { id: 'gid://shopify/Order/1' });
 * ```
 */
export const FULFILLMENT_ORDERS_QUERY = `query MbFulfillmentOrders($id: ID!) {
  order(id: $id) {
    id
    fulfillmentOrders(first: 5) {
      nodes { id status lineItems(first: 50) { nodes { id remainingQuantity lineItem { id } } } }
    }
  }
}`;

/**
 * Creates a fulfillment with tracking for lines of fulfillment orders.
 *
 * @example
 * ```ts
 * await client.request(FULFILLMENT_CREATE_MUTATION, { fulfillment: { lineItemsByFulfillmentOrder, trackingInfo } });
 * ```
 */
export const FULFILLMENT_CREATE_MUTATION = `mutation MbFulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status createdAt trackingInfo { company number url } }
    userErrors { field message }
  }
}`;

/**
 * Cancels an order (asynchronously on Shopify's side; the job is returned).
 *
 * @example
 * ```ts
 * await client.request(ORDER_CANCEL_MUTATION, { orderId, reason: 'CUSTOMER', restock: true, notifyCustomer: false });
 * ```
 */
export const ORDER_CANCEL_MUTATION = `mutation MbOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

/**
 * Starts a bulk query export (one running per shop and app before 2026-01, five from 2026-01).
 * `groupObjects` is always sent: false (the default from 2026-01, and faster on Shopify's side)
 * lets rows arrive in any order, which the exports join by `__parentId`.
 *
 * @example
 * ```ts
 * await client.request(BULK_RUN_QUERY_MUTATION, { query: BULK_PRODUCTS_EXPORT, groupObjects: false });
 * ```
 */
export const BULK_RUN_QUERY_MUTATION = `mutation MbBulkRunQuery($query: String!, $groupObjects: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
    bulkOperation { id status }
    userErrors { field message code }
  }
}`;

/**
 * Polls a bulk operation by id.
 *
 * @example
 * ```ts
 * await client.request(BULK_OPERATION_QUERY, { id: 'gid://shopify/BulkOperation/1' });
 * ```
 */
export const BULK_OPERATION_QUERY = `query MbBulkOperation($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode objectCount url partialDataUrl createdAt completedAt } }
}`;

/**
 * The bulk query that exports the whole catalog: product rows, each announcing its
 * `variantsCount` (so a product is complete once that many variants arrived), and variant rows
 * carrying `__parentId` and their `position` (rows may come in any order).
 *
 * @example
 * ```ts
 * await client.request(BULK_RUN_QUERY_MUTATION, { query: BULK_PRODUCTS_EXPORT, groupObjects: false });
 * ```
 */
export const BULK_PRODUCTS_EXPORT = `{
  products {
    edges { node { id title descriptionHtml vendor status updatedAt productType variantsCount { count precision }
      variants { edges { node { id sku title position price compareAtPrice barcode selectedOptions { name value } inventoryItem { id } } } } } }
  }
}`;

/**
 * The bulk query that exports stock of every inventory item at every location: each level row
 * names its item's SKU and its location, so rows need no join and may come in any order.
 *
 * @example
 * ```ts
 * await client.request(BULK_RUN_QUERY_MUTATION, { query: BULK_INVENTORY_EXPORT, groupObjects: false });
 * ```
 */
export const BULK_INVENTORY_EXPORT = `{
  locations {
    edges { node { id inventoryLevels { edges { node { id updatedAt quantities(names: ["available", "committed", "on_hand"]) { name quantity } item { id sku } location { id } } } } } }
  }
}`;

/**
 * Creates a webhook subscription for a topic.
 *
 * @example
 * ```ts
 * await client.request(WEBHOOK_CREATE_MUTATION, { topic: 'ORDERS_CREATE', webhookSubscription: { uri, format: 'JSON' } });
 * ```
 */
export const WEBHOOK_CREATE_MUTATION = `mutation MbWebhookCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic uri format createdAt }
    userErrors { field message }
  }
}`;

/**
 * Lists webhook subscriptions, a page at a time.
 *
 * @example
 * ```ts
 * await client.request(WEBHOOKS_QUERY, { first: 100, after: null });
 * ```
 */
export const WEBHOOKS_QUERY = `query MbWebhooks($first: Int!, $after: String) {
  webhookSubscriptions(first: $first, after: $after) { nodes { id topic uri format createdAt } ${PAGE_INFO} }
}`;

/**
 * Deletes a webhook subscription.
 *
 * @example
 * ```ts
 * await client.request(WEBHOOK_DELETE_MUTATION, { id: 'gid://shopify/WebhookSubscription/1' });
 * ```
 */
export const WEBHOOK_DELETE_MUTATION = `mutation MbWebhookDelete($id: ID!) {
  webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { field message } }
}`;

/**
 * The largest number of quantities `inventorySetQuantities` and `inventoryAdjustQuantities`
 * take in one call (Shopify's input array limit).
 *
 * @example
 * ```ts
 * const chunks = Math.ceil(10_000 / INVENTORY_SET_MAX_QUANTITIES); // 40
 * ```
 */
export const INVENTORY_SET_MAX_QUANTITIES = 250;

/**
 * Every document above by operation name, for contract tests and the simulator.
 *
 * @example
 * ```ts
 * for (const [name, document] of Object.entries(SHOPIFY_DOCUMENTS)) validate(parse(document));
 * ```
 */
export const SHOPIFY_DOCUMENTS: Readonly<Record<string, string>> = {
  MbShop: SHOP_QUERY,
  MbLocations: LOCATIONS_QUERY,
  MbProducts: PRODUCTS_QUERY,
  MbProduct: PRODUCT_QUERY,
  MbVariantsBySku: VARIANTS_BY_SKU_QUERY,
  MbOffersBySku: OFFERS_BY_SKU_QUERY,
  MbInventoryAtLocation: INVENTORY_AT_LOCATION_QUERY,
  MbInventoryAllLocations: INVENTORY_ALL_LOCATIONS_QUERY,
  MbProductSet: PRODUCT_SET_MUTATION,
  MbProductDelete: PRODUCT_DELETE_MUTATION,
  MbVariantsBulkUpdate: VARIANTS_BULK_UPDATE_MUTATION,
  MbInventorySet: INVENTORY_SET_MUTATION,
  MbInventorySetIdempotent: INVENTORY_SET_IDEMPOTENT_MUTATION,
  MbInventoryAdjust: INVENTORY_ADJUST_MUTATION,
  MbInventoryAdjustIdempotent: INVENTORY_ADJUST_IDEMPOTENT_MUTATION,
  MbOrders: ORDERS_QUERY,
  MbOrder: ORDER_QUERY,
  MbFulfillmentOrders: FULFILLMENT_ORDERS_QUERY,
  MbFulfillmentCreate: FULFILLMENT_CREATE_MUTATION,
  MbOrderCancel: ORDER_CANCEL_MUTATION,
  MbBulkRunQuery: BULK_RUN_QUERY_MUTATION,
  MbBulkOperation: BULK_OPERATION_QUERY,
  MbWebhookCreate: WEBHOOK_CREATE_MUTATION,
  MbWebhooks: WEBHOOKS_QUERY,
  MbWebhookDelete: WEBHOOK_DELETE_MUTATION,
};
