/**
 * The OAuth scopes the connector uses.
 *
 * @example
 * ```ts
 * EBAY_SCOPES.inventory; // 'https://api.ebay.com/oauth/api_scope/sell.inventory'
 * ```
 *
 * @category Authorization
 */
export const EBAY_SCOPES = Object.freeze({
  /** Public data; the scope of application tokens (client credentials). */
  public: 'https://api.ebay.com/oauth/api_scope',
  /** Inventory items, offers, locations, bulk price and quantity. */
  inventory: 'https://api.ebay.com/oauth/api_scope/sell.inventory',
  /** Orders and shipping fulfillments. */
  fulfillment: 'https://api.ebay.com/oauth/api_scope/sell.fulfillment',
  /** Subscriptions to notification topics about the seller. */
  notificationSubscription: 'https://api.ebay.com/oauth/api_scope/commerce.notification.subscription',
});

/**
 * The user scopes a seller consents to by default: everything the connector's operations need.
 *
 * @example
 * ```ts
 * new EbayMarketplace({ ...config, scopes: [...EBAY_DEFAULT_USER_SCOPES, extraScope] });
 * ```
 *
 * @category Authorization
 */
export const EBAY_DEFAULT_USER_SCOPES: readonly string[] = Object.freeze([
  EBAY_SCOPES.public,
  EBAY_SCOPES.inventory,
  EBAY_SCOPES.fulfillment,
  EBAY_SCOPES.notificationSubscription,
]);
