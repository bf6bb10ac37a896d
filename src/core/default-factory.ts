import { amazonMarketplace } from '../connectors/amazon/definition.js';
import { bolMarketplace } from '../connectors/bol/definition.js';
import { ebayMarketplace } from '../connectors/ebay/definition.js';
import { mercadolibreMarketplace } from '../connectors/mercadolibre/definition.js';
import { shopifyMarketplace } from '../connectors/shopify/definition.js';
import { simulatedMarketplace } from '../simulated/definition.js';
import { MarketplaceFactory } from './marketplace-factory.js';

/**
 * The marketplaces {@link createDefaultFactory} registers, by name, with their configuration
 * schemas and instance types.
 *
 * @category Factory
 */
export interface DefaultMarketplaces {
  simulated: typeof simulatedMarketplace;
  shopify: typeof shopifyMarketplace;
  amazon: typeof amazonMarketplace;
  ebay: typeof ebayMarketplace;
  mercadolibre: typeof mercadolibreMarketplace;
  bol: typeof bolMarketplace;
}

/**
 * A factory with every built-in marketplace registered: `simulated`, `shopify`, `amazon`,
 * `bol`, `ebay` and `mercadolibre`. Each connector's folder owns its definition; only the
 * configuration schemas are loaded up front, and a connector is imported when `create` is
 * first called for it, so unused connectors cost nothing.
 *
 * @example
 * ```ts
 * const factory = createDefaultFactory();
 * const simulated = await factory.create('simulated', { seed: 1 });
 * ```
 *
 * @category Factory
 */
export function createDefaultFactory(): MarketplaceFactory<{
  [K in keyof DefaultMarketplaces]: DefaultMarketplaces[K];
}> {
  return new MarketplaceFactory()
    .register(simulatedMarketplace)
    .register(shopifyMarketplace)
    .register(amazonMarketplace)
    .register(bolMarketplace)
    .register(ebayMarketplace)
    .register(mercadolibreMarketplace);
}
