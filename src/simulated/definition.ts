import { defineMarketplace } from '../core/define-marketplace.js';
import { SimulatedConfigSchema } from './config.js';
import { simulatedEnvironments } from './environments.js';

/**
 * The simulated marketplace as a factory definition, registered as `simulated`. Only the
 * configuration schema is loaded with it; the marketplace itself is imported when the first
 * instance is created.
 *
 * @example
 * ```ts
 * const factory = new MarketplaceFactory().register(simulatedMarketplace);
 * const simulated = await factory.create('simulated', { seed: 1, products: 10 });
 * ```
 *
 * @category Simulated marketplace
 */
export const simulatedMarketplace = defineMarketplace({
  name: 'simulated',
  description: 'An in-memory marketplace for simulation mode, demos and tests.',
  configSchema: SimulatedConfigSchema,
  environments: simulatedEnvironments,
  create: async (config, context) => {
    const { SimulatedMarketplace } = await import('./simulated-marketplace.js');
    return new SimulatedMarketplace(config, context);
  },
});
