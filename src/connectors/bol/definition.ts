import { defineMarketplace } from '../../core/define-marketplace.js';
import { BolConfigSchema } from './config.js';
import { bolEnvironments } from './environments.js';

/**
 * The bol.com connector as a factory definition, registered as `bol`. The connector's code is
 * imported the first time `create` runs, so registering it costs only its configuration
 * schema.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(bolMarketplace);
 * const bol = await factory.create('bol', { clientId: process.env.BOL_CLIENT_ID!, clientSecret: process.env.BOL_CLIENT_SECRET! });
 * ```
 *
 * @category Marketplace
 */
export const bolMarketplace = defineMarketplace({
  name: 'bol',
  description:
    'bol.com Retailer API v10: offers, bundle prices, stock, orders, shipments, cancellations, process statuses and push notifications.',
  configSchema: BolConfigSchema,
  environments: bolEnvironments,
  create: async (config, context) => {
    const { BolMarketplace } = await import('./bol-marketplace.js');
    return new BolMarketplace(config, context);
  },
});
