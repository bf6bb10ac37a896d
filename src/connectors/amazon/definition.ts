import { defineMarketplace } from '../../core/define-marketplace.js';
import { AmazonConfigSchema } from './config.js';
import { amazonEnvironments } from './environments.js';

/**
 * The Amazon Selling Partner API connector as a factory definition, registered as `amazon`.
 * Only the configuration schema is loaded with it; the connector itself is imported when the
 * first instance is created.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(amazonMarketplace);
 * const amazon = await factory.create('amazon', { sellerId, marketplaceId: 'ATVPDKIKX0DER', credentials }, { clock });
 * ```
 *
 * @category Marketplace
 */
export const amazonMarketplace = defineMarketplace({
  name: 'amazon',
  description: 'Amazon Selling Partner API: listings, feeds, orders, FBA inventory, reports, finances.',
  configSchema: AmazonConfigSchema,
  environments: amazonEnvironments,
  create: async (config, context) => {
    const { AmazonMarketplace } = await import('./amazon-marketplace.js');
    return new AmazonMarketplace(config, context);
  },
});
