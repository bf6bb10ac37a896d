import { SimulatedConfigSchema } from '../simulated/config.js';
import { defineMarketplace } from './define-marketplace.js';
import { MarketplaceFactory } from './marketplace-factory.js';

/**
 * A factory with every built-in marketplace registered. Each definition imports its connector
 * only when `create` is first called, so unused connectors cost nothing.
 *
 * @example
 * ```ts
 * const factory = createDefaultFactory();
 * const simulated = await factory.create('simulated', { seed: 1 });
 * ```
 */
export function createDefaultFactory() {
  return new MarketplaceFactory().register(
    defineMarketplace({
      name: 'simulated',
      description: 'An in-memory marketplace for simulation mode, demos and tests.',
      configSchema: SimulatedConfigSchema,
      create: async (config, context) => {
        const { SimulatedMarketplace } = await import('../simulated/simulated-marketplace.js');
        return new SimulatedMarketplace(config, context);
      },
    }),
  );
}
