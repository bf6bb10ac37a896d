/**
 * An SP-API region: North America, Europe (with the Middle East, India and Africa) or the Far East.
 *
 * @example
 * ```ts
 * const region: AmazonRegion = 'eu';
 * ```
 */
export type AmazonRegion = 'na' | 'eu' | 'fe';

/**
 * The production and sandbox base URLs of each SP-API region, and the Login with Amazon token URL.
 *
 * @example
 * ```ts
 * AMAZON_ENDPOINTS.eu.production; // 'https://sellingpartnerapi-eu.amazon.com'
 * ```
 */
export const AMAZON_ENDPOINTS: Readonly<Record<AmazonRegion, { production: string; sandbox: string }>> = {
  na: { production: 'https://sellingpartnerapi-na.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-na.amazon.com' },
  eu: { production: 'https://sellingpartnerapi-eu.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-eu.amazon.com' },
  fe: { production: 'https://sellingpartnerapi-fe.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-fe.amazon.com' },
};

/**
 * Login with Amazon's token endpoint (refresh-token and client-credentials grants).
 *
 * @example
 * ```ts
 * await fetch(LWA_TOKEN_URL, { method: 'POST', body: form });
 * ```
 */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

/**
 * One Amazon store: its marketplace id, country, region and currency.
 *
 * @example
 * ```ts
 * const de: AmazonMarketplaceInfo = AMAZON_MARKETPLACES.DE;
 * ```
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
}

const m = (id: string, country: string, region: AmazonRegion, currency: string): AmazonMarketplaceInfo => ({ id, country, region, currency });

/**
 * Amazon's stores by country code, with the marketplace ids published in the SP-API documentation.
 *
 * @example
 * ```ts
 * const marketplaceId = AMAZON_MARKETPLACES.US.id; // 'ATVPDKIKX0DER'
 * ```
 */
export const AMAZON_MARKETPLACES = {
  US: m('ATVPDKIKX0DER', 'US', 'na', 'USD'),
  CA: m('A2EUQ1WTGCTBG2', 'CA', 'na', 'CAD'),
  MX: m('A1AM78C64UM0Y8', 'MX', 'na', 'MXN'),
  BR: m('A2Q3Y263D00KWC', 'BR', 'na', 'BRL'),
  UK: m('A1F83G8C2ARO7P', 'GB', 'eu', 'GBP'),
  DE: m('A1PA6795UKMFR9', 'DE', 'eu', 'EUR'),
  FR: m('A13V1IB3VIYZZH', 'FR', 'eu', 'EUR'),
  IT: m('APJ6JRA9NG5V4', 'IT', 'eu', 'EUR'),
  ES: m('A1RKKUPIHCS9HS', 'ES', 'eu', 'EUR'),
  NL: m('A1805IZSGTT6HS', 'NL', 'eu', 'EUR'),
  SE: m('A2NODRKZP88ZB9', 'SE', 'eu', 'SEK'),
  PL: m('A1C3SOZRARQ6R3', 'PL', 'eu', 'PLN'),
  BE: m('AMEN7PMS3EDWL', 'BE', 'eu', 'EUR'),
  IE: m('A28R8C7NBKEWEA', 'IE', 'eu', 'EUR'),
  TR: m('A33AVAJ2PDY3EV', 'TR', 'eu', 'TRY'),
  AE: m('A2VIGQ35RCS4UG', 'AE', 'eu', 'AED'),
  SA: m('A17E79C6D8DWNP', 'SA', 'eu', 'SAR'),
  EG: m('ARBP9OOSHTCHU', 'EG', 'eu', 'EGP'),
  IN: m('A21TJRUUN4KGV', 'IN', 'eu', 'INR'),
  ZA: m('AE08WJ6YKNBMC', 'ZA', 'eu', 'ZAR'),
  JP: m('A1VC38T7YXB528', 'JP', 'fe', 'JPY'),
  AU: m('A39IBJ37TRP1C6', 'AU', 'fe', 'AUD'),
  SG: m('A19VAU5U5O7RUS', 'SG', 'fe', 'SGD'),
} as const satisfies Record<string, AmazonMarketplaceInfo>;

/**
 * Finds a store by its marketplace id.
 *
 * @example
 * ```ts
 * marketplaceById('A1PA6795UKMFR9')?.currency; // 'EUR'
 * ```
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
 */
export function resolveBaseUrl(options: { region: AmazonRegion; sandbox?: boolean; baseUrl?: string }): string {
  if (options.baseUrl) return options.baseUrl.replace(/\/+$/, '');
  const endpoints = AMAZON_ENDPOINTS[options.region];
  return options.sandbox ? endpoints.sandbox : endpoints.production;
}
