/**
 * One eBay marketplace (site): its id, country, currency and the language its listings are
 * written in (`Content-Language` of Inventory API writes).
 *
 * @category Marketplace
 */
export interface EbayMarketplaceInfo {
  /** The `MarketplaceEnum` value, e.g. `EBAY_US`; sent as `X-EBAY-C-MARKETPLACE-ID`. */
  readonly id: string;
  /** ISO 3166-1 alpha-2 country code. */
  readonly country: string;
  /** The marketplace's ISO 4217 currency: prices are listed in it. */
  readonly currency: string;
  /** The default `Content-Language` (and `Accept-Language`) of the marketplace. */
  readonly language: string;
}

const m = (id: string, country: string, currency: string, language: string): EbayMarketplaceInfo =>
  Object.freeze({ id, country, currency, language });

/**
 * eBay's marketplaces where sellers list through the Inventory API, by `MarketplaceEnum` value.
 *
 * @example
 * ```ts
 * EBAY_MARKETPLACES.EBAY_GB.currency; // 'GBP'
 * ```
 *
 * @category Marketplace
 */
export const EBAY_MARKETPLACES = Object.freeze({
  EBAY_US: m('EBAY_US', 'US', 'USD', 'en-US'),
  EBAY_MOTORS_US: m('EBAY_MOTORS_US', 'US', 'USD', 'en-US'),
  EBAY_CA: m('EBAY_CA', 'CA', 'CAD', 'en-CA'),
  EBAY_GB: m('EBAY_GB', 'GB', 'GBP', 'en-GB'),
  EBAY_IE: m('EBAY_IE', 'IE', 'EUR', 'en-IE'),
  EBAY_AU: m('EBAY_AU', 'AU', 'AUD', 'en-AU'),
  EBAY_DE: m('EBAY_DE', 'DE', 'EUR', 'de-DE'),
  EBAY_AT: m('EBAY_AT', 'AT', 'EUR', 'de-AT'),
  EBAY_CH: m('EBAY_CH', 'CH', 'CHF', 'de-CH'),
  EBAY_FR: m('EBAY_FR', 'FR', 'EUR', 'fr-FR'),
  EBAY_BE: m('EBAY_BE', 'BE', 'EUR', 'nl-BE'),
  EBAY_NL: m('EBAY_NL', 'NL', 'EUR', 'nl-NL'),
  EBAY_IT: m('EBAY_IT', 'IT', 'EUR', 'it-IT'),
  EBAY_ES: m('EBAY_ES', 'ES', 'EUR', 'es-ES'),
  EBAY_PL: m('EBAY_PL', 'PL', 'PLN', 'pl-PL'),
  EBAY_HK: m('EBAY_HK', 'HK', 'HKD', 'zh-HK'),
  EBAY_SG: m('EBAY_SG', 'SG', 'SGD', 'en-SG'),
  EBAY_MY: m('EBAY_MY', 'MY', 'MYR', 'en-MY'),
  EBAY_PH: m('EBAY_PH', 'PH', 'PHP', 'en-PH'),
} as const satisfies Record<string, EbayMarketplaceInfo>);

/**
 * A marketplace id eBay's Inventory API lists on.
 *
 * @category Marketplace
 */
export type EbayMarketplaceId = keyof typeof EBAY_MARKETPLACES;

/**
 * The marketplace ids, for schemas and menus.
 *
 * @example
 * ```ts
 * EBAY_MARKETPLACE_IDS.includes('EBAY_US'); // true
 * ```
 *
 * @category Marketplace
 */
export const EBAY_MARKETPLACE_IDS = Object.freeze(Object.keys(EBAY_MARKETPLACES) as EbayMarketplaceId[]);

/**
 * Looks a marketplace up by id.
 *
 * @example
 * ```ts
 * ebayMarketplaceInfo('EBAY_FR')?.language; // 'fr-FR'
 * ```
 *
 * @category Marketplace
 */
export function ebayMarketplaceInfo(id: string): EbayMarketplaceInfo | undefined {
  return (EBAY_MARKETPLACES as Record<string, EbayMarketplaceInfo>)[id];
}
