import { defineMarketplace } from '../../core/define-marketplace.js';
import { MercadoLibreConfigSchema } from './config.js';
import { mercadolibreEnvironments } from './environments.js';

/**
 * The MercadoLibre connector as a factory definition, registered as `mercadolibre`. Only the
 * configuration schema is loaded with it; the connector itself is imported the first time an
 * instance is created.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(mercadolibreMarketplace);
 * const ml = await factory.create('mercadolibre', { site: 'MLA', sellerId: 468424240, credentials: { clientId, clientSecret, refreshToken } });
 * ```
 *
 * @category Marketplace
 */
export const mercadolibreMarketplace = defineMarketplace({
  name: 'mercadolibre',
  description:
    'MercadoLibre: items and variations, prices, stock per item or warehouse, orders, Mercado Envíos shipments and notifications.',
  configSchema: MercadoLibreConfigSchema,
  environments: mercadolibreEnvironments,
  create: async (config, context) => {
    const { MercadoLibreMarketplace } = await import('./mercadolibre-marketplace.js');
    return new MercadoLibreMarketplace(config, context);
  },
});
