/**
 * Which eBay environment a connection talks to.
 *
 * @category Marketplace
 */
export type EbayEnvironment = 'production' | 'sandbox';

/**
 * The three URLs an eBay connection needs: the REST API host, the consent page and the token
 * endpoint.
 *
 * @category Marketplace
 */
export interface EbayUrls {
  /** REST APIs (Sell Inventory, Sell Fulfillment, Commerce Notification, Post-Order). */
  api: string;
  /** The consent page sellers are sent to (`/oauth2/authorize`). */
  authorize: string;
  /** The OAuth token endpoint (`/identity/v1/oauth2/token`). */
  token: string;
}

/**
 * eBay's production and sandbox URLs.
 *
 * @example
 * ```ts
 * EBAY_ENDPOINTS.production.api; // 'https://api.ebay.com'
 * ```
 *
 * @category Marketplace
 */
export const EBAY_ENDPOINTS: Readonly<Record<EbayEnvironment, EbayUrls>> = Object.freeze({
  production: {
    api: 'https://api.ebay.com',
    authorize: 'https://auth.ebay.com/oauth2/authorize',
    token: 'https://api.ebay.com/identity/v1/oauth2/token',
  },
  sandbox: {
    api: 'https://api.sandbox.ebay.com',
    authorize: 'https://auth.sandbox.ebay.com/oauth2/authorize',
    token: 'https://api.sandbox.ebay.com/identity/v1/oauth2/token',
  },
});

/**
 * The hosts of eBay's production environment: a connection pointed at any of them reaches real
 * sellers' listings and orders.
 *
 * @example
 * ```ts
 * EBAY_PRODUCTION_HOSTS.includes(new URL(url).hostname);
 * ```
 *
 * @category Marketplace
 */
export const EBAY_PRODUCTION_HOSTS: readonly string[] = Object.freeze([
  'api.ebay.com',
  'apiz.ebay.com',
  'auth.ebay.com',
]);

/**
 * Endpoint overrides from the configuration (a proxy, a local simulator).
 *
 * @category Marketplace
 */
export interface EbayEndpointOverrides {
  api?: string | undefined;
  authorize?: string | undefined;
  token?: string | undefined;
}

/**
 * The URLs to use: the environment's, with any override taking its place.
 *
 * @example
 * ```ts
 * resolveEbayUrls('sandbox', { api: 'http://127.0.0.1:8080/' }).api; // 'http://127.0.0.1:8080'
 * ```
 *
 * @category Marketplace
 */
export function resolveEbayUrls(environment: EbayEnvironment, overrides: EbayEndpointOverrides = {}): EbayUrls {
  const base = EBAY_ENDPOINTS[environment];
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    api: trim(overrides.api ?? base.api),
    authorize: overrides.authorize ?? base.authorize,
    token: overrides.token ?? base.token,
  };
}
