import { defineMarketplace } from '../../core/define-marketplace.js';
import { ShopifyConfigSchema } from './config.js';
import { shopifyEnvironments } from './environments.js';

/**
 * The Shopify connector as a factory definition, registered as `shopify`. Only the
 * configuration schema is loaded with it; the connector itself is imported when the first
 * instance is created.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(shopifyMarketplace);
 * const shopify = await factory.create('shopify', { shop: 'acme', accessToken: process.env.SHOPIFY_TOKEN! });
 * ```
 *
 * @category Marketplace
 */
export const shopifyMarketplace = defineMarketplace({
  name: 'shopify',
  description: 'Shopify Admin GraphQL API: catalog, prices, inventory by location, orders and fulfillment.',
  configSchema: ShopifyConfigSchema,
  environments: shopifyEnvironments,
  create: async (config, context) => {
    const { ShopifyMarketplace } = await import('./shopify-marketplace.js');
    return new ShopifyMarketplace(config, context);
  },
});
