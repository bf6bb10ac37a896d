import { defineMarketplace } from '../../core/define-marketplace.js';
import { EbayConfigSchema } from './config.js';
import { ebayEnvironments } from './environments.js';

/**
 * The eBay connector as a factory definition, registered as `ebay`. Only the configuration
 * schema is loaded with it; the connector itself is imported when the first instance is made.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(ebayMarketplace);
 * const ebay = await factory.create('ebay', { environment: 'sandbox', credentials: { clientId, clientSecret, refreshToken } });
 * ```
 *
 * @category Marketplace
 */
export const ebayMarketplace = defineMarketplace({
  name: 'ebay',
  description:
    'eBay Sell Inventory and Fulfillment APIs: inventory items, offers, bulk prices and stock, orders, shipping fulfillments, cancellations and notifications.',
  configSchema: EbayConfigSchema,
  environments: ebayEnvironments,
  create: async (config, context) => {
    const { EbayMarketplace } = await import('./ebay-marketplace.js');
    return new EbayMarketplace(config, context);
  },
});
