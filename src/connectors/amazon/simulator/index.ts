/**
 * Faithful simulators (msw handlers) of the Selling Partner API and the Creators API, for tests
 * and benchmarks of Amazon integrations.
 *
 * @example
 * ```ts
 * import { AmazonSpApiSimulator } from 'marketbridge/testing/msw';
 * const simulator = new AmazonSpApiSimulator({ clock });
 * ```
 *
 * @module
 */
export { AmazonSpApiSimulator, type AmazonSimulatorOptions } from './simulator.js';
export type { AmazonSimulatorStats } from './limiter.js';
export type { SimulatedListing, SimulatedOrder, SimulatedJob, SimulatedDocument, SimulatorState } from './state.js';
export {
  AmazonCreatorsSimulator,
  type CreatorsSimulatorOptions,
  type CreatorsSimulatorCall,
} from '../../amazon-creators/simulator/simulator.js';
export type { SimulatedCatalogItem } from './state.js';
