import { AmazonConfigSchema } from '../connectors/amazon/config.js';
import { amazonEnvironments } from '../connectors/amazon/environments.js';
import { bolMarketplace } from '../connectors/bol/definition.js';
import { ebayMarketplace } from '../connectors/ebay/definition.js';
import { mercadolibreMarketplace } from '../connectors/mercadolibre/definition.js';
import { ShopifyConfigSchema } from '../connectors/shopify/config.js';
import { shopifyEnvironments } from '../connectors/shopify/environments.js';
import { SimulatedConfigSchema } from '../simulated/config.js';
import { simulatedEnvironments } from '../simulated/environments.js';
import type { AmazonMarketplace } from '../connectors/amazon/amazon-marketplace.js';
import type { BolConfigSchema } from '../connectors/bol/config.js';
import type { BolMarketplace } from '../connectors/bol/bol-marketplace.js';
import type { EbayConfigSchema } from '../connectors/ebay/config.js';
import type { EbayMarketplace } from '../connectors/ebay/ebay-marketplace.js';
import type { ShopifyMarketplace } from '../connectors/shopify/shopify-marketplace.js';
import type { SimulatedMarketplace } from '../simulated/simulated-marketplace.js';
import { defineMarketplace, type MarketplaceDefinition } from './define-marketplace.js';
import { MarketplaceFactory } from './marketplace-factory.js';

/**
 * The marketplaces {@link createDefaultFactory} registers, by name, with their configuration
 * schemas and instance types.
 *
 * @example
 * ```ts
 * type ShopifyConfig = ConfigOf<DefaultMarketplaces['shopify']>;
 * ```
 */
export interface DefaultMarketplaces {
  simulated: MarketplaceDefinition<'simulated', typeof SimulatedConfigSchema, SimulatedMarketplace>;
  shopify: MarketplaceDefinition<'shopify', typeof ShopifyConfigSchema, ShopifyMarketplace>;
  amazon: MarketplaceDefinition<'amazon', typeof AmazonConfigSchema, AmazonMarketplace>;
  ebay: MarketplaceDefinition<'ebay', typeof EbayConfigSchema, EbayMarketplace>;
  mercadolibre: typeof mercadolibreMarketplace;
  bol: MarketplaceDefinition<'bol', typeof BolConfigSchema, BolMarketplace>;
}

/**
 * A factory with every built-in marketplace registered: `simulated`, `shopify`, `amazon`,
 * `bol`, `ebay` and `mercadolibre`.
 * Only each definition's configuration schema is loaded up front; the connector itself is
 * imported when `create` is first called, so unused connectors cost nothing.
 *
 * @example
 * ```ts
 * const factory = createDefaultFactory();
 * const simulated = await factory.create('simulated', { seed: 1 });
 * ```
 */
export function createDefaultFactory(): MarketplaceFactory<{ [K in keyof DefaultMarketplaces]: DefaultMarketplaces[K] }> {
  // Definitions are built as constants first so that each keeps its literal name.
  const simulated = defineMarketplace({
    name: 'simulated',
    description: 'An in-memory marketplace for simulation mode, demos and tests.',
    configSchema: SimulatedConfigSchema,
    environments: simulatedEnvironments,
    create: async (config, context) => {
      const { SimulatedMarketplace } = await import('../simulated/simulated-marketplace.js');
      return new SimulatedMarketplace(config, context);
    },
  });
  const shopify = defineMarketplace({
    name: 'shopify',
    description: 'Shopify Admin GraphQL API: catalog, prices, inventory by location, orders and fulfillment.',
    configSchema: ShopifyConfigSchema,
    environments: shopifyEnvironments,
    create: async (config, context) => {
      const { ShopifyMarketplace } = await import('../connectors/shopify/shopify-marketplace.js');
      return new ShopifyMarketplace(config, context);
    },
  });
  const amazon = defineMarketplace({
    name: 'amazon',
    description: 'Amazon Selling Partner API: listings, feeds, orders, FBA inventory, reports, finances.',
    configSchema: AmazonConfigSchema,
    environments: amazonEnvironments,
    create: async (config, context) => {
      const { AmazonMarketplace } = await import('../connectors/amazon/amazon-marketplace.js');
      return new AmazonMarketplace(config, context);
    },
  });
  return new MarketplaceFactory().register(simulated).register(shopify).register(amazon).register(bolMarketplace).register(ebayMarketplace).register(mercadolibreMarketplace);
}
