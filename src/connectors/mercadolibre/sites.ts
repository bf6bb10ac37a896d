/**
 * One MercadoLibre site (country marketplace): its currency and the host sellers authorise
 * applications on.
 *
 * @category Marketplace
 */
export interface MercadoLibreSite {
  /** The site id, e.g. `MLA`; item ids start with it (`MLA1234567890`). */
  id: string;
  /** ISO 3166 country code. */
  country: string;
  /** The site's currency (ISO 4217), the `currency_id` of its listings. */
  currency: string;
  /** The authorisation endpoint of the OAuth 2.0 flow on this site. */
  authorizeUrl: string;
}

/**
 * The MercadoLibre sites the connector knows, by id. Every site shares one API host
 * (`api.mercadolibre.com`) and token endpoint; the authorisation host is the site's own.
 *
 * @example
 * ```ts
 * MERCADOLIBRE_SITES.MLB.currency; // 'BRL'
 * ```
 *
 * @category Marketplace
 */
export const MERCADOLIBRE_SITES = {
  MLA: { id: 'MLA', country: 'AR', currency: 'ARS', authorizeUrl: 'https://auth.mercadolibre.com.ar/authorization' },
  MLB: { id: 'MLB', country: 'BR', currency: 'BRL', authorizeUrl: 'https://auth.mercadolivre.com.br/authorization' },
  MLM: { id: 'MLM', country: 'MX', currency: 'MXN', authorizeUrl: 'https://auth.mercadolibre.com.mx/authorization' },
  MLC: { id: 'MLC', country: 'CL', currency: 'CLP', authorizeUrl: 'https://auth.mercadolibre.cl/authorization' },
  MCO: { id: 'MCO', country: 'CO', currency: 'COP', authorizeUrl: 'https://auth.mercadolibre.com.co/authorization' },
  MLU: { id: 'MLU', country: 'UY', currency: 'UYU', authorizeUrl: 'https://auth.mercadolibre.com.uy/authorization' },
  MPE: { id: 'MPE', country: 'PE', currency: 'PEN', authorizeUrl: 'https://auth.mercadolibre.com.pe/authorization' },
  MEC: { id: 'MEC', country: 'EC', currency: 'USD', authorizeUrl: 'https://auth.mercadolibre.com.ec/authorization' },
} as const satisfies Record<string, MercadoLibreSite>;

/**
 * The id of a site in {@link MERCADOLIBRE_SITES}.
 *
 * @category Marketplace
 */
export type MercadoLibreSiteId = keyof typeof MERCADOLIBRE_SITES;

/**
 * The ids of {@link MERCADOLIBRE_SITES}, for schemas and menus.
 *
 * @example
 * ```ts
 * MERCADOLIBRE_SITE_IDS.includes('MLC'); // true
 * ```
 *
 * @category Marketplace
 */
export const MERCADOLIBRE_SITE_IDS = [
  'MLA',
  'MLB',
  'MLM',
  'MLC',
  'MCO',
  'MLU',
  'MPE',
  'MEC',
] as const satisfies readonly MercadoLibreSiteId[];

/**
 * The production API host of every site.
 *
 * @example
 * ```ts
 * new URL('/items/MLA1', MERCADOLIBRE_API_URL).href; // 'https://api.mercadolibre.com/items/MLA1'
 * ```
 *
 * @category Marketplace
 */
export const MERCADOLIBRE_API_URL = 'https://api.mercadolibre.com';

/**
 * The token endpoint (authorisation-code exchange and refresh), shared by every site.
 *
 * @example
 * ```ts
 * const tokenUrl = MERCADOLIBRE_TOKEN_URL; // 'https://api.mercadolibre.com/oauth/token'
 * ```
 *
 * @category Marketplace
 */
export const MERCADOLIBRE_TOKEN_URL = 'https://api.mercadolibre.com/oauth/token';

/**
 * Hosts that reach real sellers' accounts. MercadoLibre has no separate sandbox host (test
 * users live on production), so a sandbox run must point `endpoints.api` and
 * `endpoints.token` elsewhere (a simulator or a proxy).
 *
 * @example
 * ```ts
 * MERCADOLIBRE_PRODUCTION_HOSTS.includes(new URL(config.endpoints.api).host);
 * ```
 *
 * @category Marketplace
 */
export const MERCADOLIBRE_PRODUCTION_HOSTS: readonly string[] = [
  'api.mercadolibre.com',
  'auth.mercadolibre.com.ar',
  'auth.mercadolivre.com.br',
  'auth.mercadolibre.com.mx',
  'auth.mercadolibre.cl',
  'auth.mercadolibre.com.co',
  'auth.mercadolibre.com.uy',
  'auth.mercadolibre.com.pe',
  'auth.mercadolibre.com.ec',
];
