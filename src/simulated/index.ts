/**
 * The simulated marketplace: an in-memory implementation of every canonical operation that
 * behaves like a real marketplace, deterministic from a seed.
 *
 * @example
 * ```ts
 * import { SimulatedMarketplace } from 'marketbridge/simulated';
 * const simulated = new SimulatedMarketplace({ seed: 42 });
 * ```
 *
 * @module marketbridge/simulated
 */
export { SimulatedMarketplace } from './simulated-marketplace.js';
export { simulatedMarketplace } from './definition.js';
export { simulatedEnvironments } from './environments.js';
export {
  SimulatedConfigSchema,
  type SimulatedConfig,
  type ResolvedSimulatedConfig,
  type SimulatedFailureKind,
} from './config.js';
export type { SimulatedState } from './state.js';
export type { SimulatedStats } from './stats.js';
export type { BuyerLine, OrderRejection } from './buyers.js';
export { SeededRandom } from './random.js';
