import { amazonEnvironments } from '../../connectors/amazon/environments.js';
import { creatorsEnvironments } from '../../connectors/amazon-creators/environments.js';
import { bolEnvironments } from '../../connectors/bol/environments.js';
import { ebayEnvironments } from '../../connectors/ebay/environments.js';
import { mercadolibreEnvironments } from '../../connectors/mercadolibre/environments.js';
import { shopifyEnvironments } from '../../connectors/shopify/environments.js';
import type { MarketplaceEnvironments } from '../../core/environments.js';

/**
 * The production hosts of every built-in platform (`*.myshopify.com`, the regional SP-API
 * hosts, `creatorsapi.amazon`, `api.ebay.com`, `api.mercadolibre.com`, ...). Sandbox mode
 * refuses a connection of any marketplace, your own included, whose URLs point at one of
 * them. A new connector adds its declaration to this list.
 *
 * @example
 * ```ts
 * KNOWN_PRODUCTION_HOSTS.includes('sellingpartnerapi-na.amazon.com'); // true
 * ```
 *
 * @category Real-world adapter
 */
export const KNOWN_PRODUCTION_HOSTS: readonly string[] = Object.freeze(
  (
    [
      amazonEnvironments,
      creatorsEnvironments,
      shopifyEnvironments,
      ebayEnvironments,
      mercadolibreEnvironments,
      bolEnvironments,
    ] as readonly MarketplaceEnvironments<never>[]
  ).flatMap((environments) => environments.productionHosts),
);
