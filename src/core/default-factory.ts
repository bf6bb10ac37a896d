import { AmazonConfigSchema } from '../connectors/amazon/config.js';
import { ShopifyConfigSchema } from '../connectors/shopify/config.js';
import { SimulatedConfigSchema } from '../simulated/config.js';
import { defineMarketplace } from './define-marketplace.js';
import { MarketplaceFactory } from './marketplace-factory.js';

/**
 * A factory with every built-in marketplace registered: `simulated`, `shopify` and `amazon`.
 * Only each definition's configuration schema is loaded up front; the connector itself is
 * imported when `create` is first called, so unused connectors cost nothing.
 *
 * @example
 * ```ts
 * const factory = createDefaultFactory();
 * const simulated = await factory.create('simulated', { seed: 1 });
 * ```
 */
export function createDefaultFactory() {
  return new MarketplaceFactory()
    .register(
      defineMarketplace({
        name: 'simulated',
        description: 'An in-memory marketplace for simulation mode, demos and tests.',
        configSchema: SimulatedConfigSchema,
        create: async (config, context) => {
          const { SimulatedMarketplace } = await import('../simulated/simulated-marketplace.js');
          return new SimulatedMarketplace(config, context);
        },
      }),
    )
    .register(
      defineMarketplace({
        name: 'shopify',
        description: 'Shopify Admin GraphQL API: catalog, prices, inventory by location, orders and fulfillment.',
        configSchema: ShopifyConfigSchema,
        create: async (config, context) => {
          const { ShopifyMarketplace } = await import('../connectors/shopify/shopify-marketplace.js');
          return new ShopifyMarketplace(config, context);
        },
      }),
    )
    .register(
      defineMarketplace({
        name: 'amazon',
        description: 'Amazon Selling Partner API: listings, feeds, orders, FBA inventory, reports, finances.',
        configSchema: AmazonConfigSchema,
        create: async (config, context) => {
          const { AmazonMarketplace } = await import('../connectors/amazon/amazon-marketplace.js');
          return new AmazonMarketplace(config, context);
        },
      }),
    );
}
