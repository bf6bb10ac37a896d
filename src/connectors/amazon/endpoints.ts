/**
 * An SP-API region: North America, Europe (with the Middle East, India and Africa) or the Far East.
 *
 * @category Marketplace
 */
export type AmazonRegion = 'na' | 'eu' | 'fe';

/**
 * The production and sandbox base URLs of each SP-API region, and the Login with Amazon token URL.
 *
 * @example
 * ```ts
 * AMAZON_ENDPOINTS.eu.production; // 'https://sellingpartnerapi-eu.amazon.com'
 * ```
 *
 * @category Marketplace
 */
export const AMAZON_ENDPOINTS: Readonly<Record<AmazonRegion, { production: string; sandbox: string }>> = {
  na: {
    production: 'https://sellingpartnerapi-na.amazon.com',
    sandbox: 'https://sandbox.sellingpartnerapi-na.amazon.com',
  },
  eu: {
    production: 'https://sellingpartnerapi-eu.amazon.com',
    sandbox: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
  },
  fe: {
    production: 'https://sellingpartnerapi-fe.amazon.com',
    sandbox: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
  },
};

/**
 * Login with Amazon's token endpoint (refresh-token and client-credentials grants).
 *
 * @example
 * ```ts
 * await fetch(LWA_TOKEN_URL, { method: 'POST', body: form });
 * ```
 *
 * @category Marketplace
 */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/**
 * One Amazon store: its marketplace id, country, region, currency and retail domain.
 *
 * @category Marketplace
 */
export interface AmazonMarketplaceInfo {
  /** The marketplace id SP-API expects in `marketplaceIds`. */
  readonly id: string;
  /** ISO 3166-1 alpha-2 country code (`UK` is Amazon's own code for GB). */
  readonly country: string;
  /** The SP-API region whose endpoint serves it. */
  readonly region: AmazonRegion;
  /** The store's ISO 4217 currency. */
  readonly currency: string;
  /** The store's retail host, e.g. `www.amazon.de` (product pages are `https://<domain>/dp/<ASIN>`). */
  readonly domain: string;
}

const m = (
  id: string,
  country: string,
  region: AmazonRegion,
  currency: string,
  domain: string,
): AmazonMarketplaceInfo => ({ id, country, region, currency, domain: `www.${domain}` });

/**
 * Amazon's stores by country code, with the marketplace ids published in the SP-API documentation
 * and each store's retail domain.
 *
 * @example
 * ```ts
 * const marketplaceId = AMAZON_MARKETPLACES.US.id; // 'ATVPDKIKX0DER'
 * ```
 *
 * @category Marketplace
 */
export const AMAZON_MARKETPLACES = {
  US: m('ATVPDKIKX0DER', 'US', 'na', 'USD', 'amazon.com'),
  CA: m('A2EUQ1WTGCTBG2', 'CA', 'na', 'CAD', 'amazon.ca'),
  MX: m('A1AM78C64UM0Y8', 'MX', 'na', 'MXN', 'amazon.com.mx'),
  BR: m('A2Q3Y263D00KWC', 'BR', 'na', 'BRL', 'amazon.com.br'),
  UK: m('A1F83G8C2ARO7P', 'GB', 'eu', 'GBP', 'amazon.co.uk'),
  DE: m('A1PA6795UKMFR9', 'DE', 'eu', 'EUR', 'amazon.de'),
  FR: m('A13V1IB3VIYZZH', 'FR', 'eu', 'EUR', 'amazon.fr'),
  IT: m('APJ6JRA9NG5V4', 'IT', 'eu', 'EUR', 'amazon.it'),
  ES: m('A1RKKUPIHCS9HS', 'ES', 'eu', 'EUR', 'amazon.es'),
  NL: m('A1805IZSGTT6HS', 'NL', 'eu', 'EUR', 'amazon.nl'),
  SE: m('A2NODRKZP88ZB9', 'SE', 'eu', 'SEK', 'amazon.se'),
  PL: m('A1C3SOZRARQ6R3', 'PL', 'eu', 'PLN', 'amazon.pl'),
  BE: m('AMEN7PMS3EDWL', 'BE', 'eu', 'EUR', 'amazon.com.be'),
  IE: m('A28R8C7NBKEWEA', 'IE', 'eu', 'EUR', 'amazon.ie'),
  TR: m('A33AVAJ2PDY3EV', 'TR', 'eu', 'TRY', 'amazon.com.tr'),
  AE: m('A2VIGQ35RCS4UG', 'AE', 'eu', 'AED', 'amazon.ae'),
  SA: m('A17E79C6D8DWNP', 'SA', 'eu', 'SAR', 'amazon.sa'),
  EG: m('ARBP9OOSHTCHU', 'EG', 'eu', 'EGP', 'amazon.eg'),
  IN: m('A21TJRUUN4KGV', 'IN', 'eu', 'INR', 'amazon.in'),
  ZA: m('AE08WJ6YKNBMC', 'ZA', 'eu', 'ZAR', 'amazon.co.za'),
  JP: m('A1VC38T7YXB528', 'JP', 'fe', 'JPY', 'amazon.co.jp'),
  AU: m('A39IBJ37TRP1C6', 'AU', 'fe', 'AUD', 'amazon.com.au'),
  SG: m('A19VAU5U5O7RUS', 'SG', 'fe', 'SGD', 'amazon.sg'),
} as const satisfies Record<string, AmazonMarketplaceInfo>;

/**
 * Finds a store by its marketplace id.
 *
 * @example
 * ```ts
 * marketplaceById('A1PA6795UKMFR9')?.currency; // 'EUR'
 * ```
 *
 * @category Marketplace
 */
export function marketplaceById(id: string): AmazonMarketplaceInfo | undefined {
  return Object.values(AMAZON_MARKETPLACES).find((info) => info.id === id);
}

/**
 * The base URL to call: an explicit override wins, otherwise the region's production or sandbox endpoint.
 *
 * @example
 * ```ts
 * resolveBaseUrl({ region: 'eu', sandbox: true }); // 'https://sandbox.sellingpartnerapi-eu.amazon.com'
 * ```
 *
 * @category Marketplace
 */
export function resolveBaseUrl(options: { region: AmazonRegion; sandbox?: boolean; baseUrl?: string }): string {
  if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '');
  const endpoints = AMAZON_ENDPOINTS[options.region];
  return options.sandbox ? endpoints.sandbox : endpoints.production;
}

/**
 * The product page of an ASIN in a store, or `undefined` for a marketplace id not in
 * {@link AMAZON_MARKETPLACES} (no guessing another store's domain).
 *
 * @example
 * ```ts
 * productPageUrl('A1PA6795UKMFR9', 'B07N4M94X4'); // 'https://www.amazon.de/dp/B07N4M94X4'
 * ```
 *
 * @category Marketplace
 */
export function productPageUrl(marketplaceId: string, asin: string): string | undefined {
  const store = marketplaceById(marketplaceId);
  return store ? `https://${store.domain}/dp/${encodeURIComponent(asin)}` : undefined;
}
