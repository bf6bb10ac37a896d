/**
 * The eBay API an operation belongs to; call limits are counted per API.
 *
 * @category Marketplace
 */
export type EbayApi = 'inventory' | 'fulfillment' | 'notification' | 'postOrder';

/**
 * Which token authorises a call: the seller's user token (authorization code grant) or the
 * application token (client credentials).
 *
 * @category Marketplace
 */
export type EbayTokenKind = 'user' | 'application';

/**
 * What the connector knows about one eBay operation: its API and the token it takes by default.
 *
 * @category Marketplace
 */
export interface EbayOperationInfo {
  readonly api: EbayApi;
  readonly token: EbayTokenKind;
}

const inventory = { api: 'inventory', token: 'user' } as const;
const fulfillment = { api: 'fulfillment', token: 'user' } as const;
const notificationApp = { api: 'notification', token: 'application' } as const;
const notificationUser = { api: 'notification', token: 'user' } as const;
const postOrder = { api: 'postOrder', token: 'user' } as const;

/**
 * Every eBay operation the connector calls, by eBay's `operationId`. The request pipeline uses
 * the name as the operation of each call (events, errors, rate-limit buckets).
 *
 * @example
 * ```ts
 * EBAY_OPERATIONS.bulkUpdatePriceQuantity.api; // 'inventory'
 * ```
 *
 * @category Marketplace
 */
export const EBAY_OPERATIONS = Object.freeze({
  getInventoryItems: inventory,
  getInventoryItem: inventory,
  createOrReplaceInventoryItem: inventory,
  deleteInventoryItem: inventory,
  bulkGetInventoryItem: inventory,
  bulkUpdatePriceQuantity: inventory,
  getOffers: inventory,
  getOffer: inventory,
  createOffer: inventory,
  updateOffer: inventory,
  deleteOffer: inventory,
  publishOffer: inventory,
  withdrawOffer: inventory,
  getInventoryLocations: inventory,
  getInventoryLocation: inventory,
  createInventoryLocation: inventory,
  getOrders: fulfillment,
  getOrder: fulfillment,
  getShippingFulfillments: fulfillment,
  createShippingFulfillment: fulfillment,
  getPublicKey: notificationApp,
  getTopics: notificationApp,
  getTopic: notificationApp,
  getDestinations: notificationApp,
  getDestination: notificationApp,
  createDestination: notificationApp,
  updateDestination: notificationApp,
  deleteDestination: notificationApp,
  getSubscriptions: notificationUser,
  getSubscription: notificationUser,
  createSubscription: notificationUser,
  updateSubscription: notificationUser,
  deleteSubscription: notificationUser,
  enableSubscription: notificationUser,
  disableSubscription: notificationUser,
  testSubscription: notificationUser,
  checkCancellationEligibility: postOrder,
  createCancellation: postOrder,
  getCancellation: postOrder,
} as const satisfies Record<string, EbayOperationInfo>);

/**
 * The name of an eBay operation the connector calls.
 *
 * @category Marketplace
 */
export type EbayOperation = keyof typeof EBAY_OPERATIONS;
