import { defineMarketplace } from '../../core/define-marketplace.js';
import { ShopifyConfigSchema } from './config.js';
import { ShopifyMarketplace } from './shopify-marketplace.js';
import { shopifyEnvironments } from './environments.js';

/**
 * The Shopify connector as a factory definition, registered as `shopify`.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(shopifyMarketplace);
 * const shopify = await factory.create('shopify', { shop: 'acme', accessToken: process.env.SHOPIFY_TOKEN! });
 * ```
 */
export const shopifyMarketplace = defineMarketplace({
  name: 'shopify',
  description: 'Shopify Admin GraphQL API: catalog, prices, inventory by location, orders and fulfillment.',
  configSchema: ShopifyConfigSchema,
  environments: shopifyEnvironments,
  create: (config, context) => new ShopifyMarketplace(config, context),
});
