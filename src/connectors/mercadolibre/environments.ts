import type { MarketplaceEnvironments } from '../../core/environments.js';
import type { MercadoLibreConfig } from './config.js';
import { MERCADOLIBRE_API_URL, MERCADOLIBRE_PRODUCTION_HOSTS, MERCADOLIBRE_TOKEN_URL } from './sites.js';

/**
 * Where the MercadoLibre connector sends requests: `endpoints.api` (default
 * `api.mercadolibre.com`) and `endpoints.token` (default its `/oauth/token`). MercadoLibre has
 * no sandbox host (test users live on production), so sandbox mode accepts it only with both
 * pointed off {@link MERCADOLIBRE_PRODUCTION_HOSTS}: a local simulator or a recording proxy.
 * The consent page on the site's `auth.*` host is not listed: the connector never calls it,
 * the seller's browser does.
 *
 * @example
 * ```ts
 * mercadolibreEnvironments.urls(MercadoLibreConfigSchema.parse({ site: 'MLA', sellerId: 1, credentials })).token;
 * // 'https://api.mercadolibre.com/oauth/token'
 * ```
 *
 * @category Marketplace
 */
export const mercadolibreEnvironments: MarketplaceEnvironments<MercadoLibreConfig> = Object.freeze({
  urls: (config: MercadoLibreConfig) => ({
    api: config.endpoints.api ?? MERCADOLIBRE_API_URL,
    token: config.endpoints.token ?? MERCADOLIBRE_TOKEN_URL,
  }),
  productionHosts: MERCADOLIBRE_PRODUCTION_HOSTS,
  sandboxHint:
    'MercadoLibre has no sandbox host (test users live on production): set endpoints.api and endpoints.token to a non-production URL such as a local simulator, or connect in live mode',
});
