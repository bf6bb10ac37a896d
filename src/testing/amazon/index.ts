/**
 * A faithful SP-API simulator (msw handlers) for tests and benchmarks of Amazon integrations.
 *
 * @example
 * ```ts
 * import { AmazonSpApiSimulator } from 'marketbridge/testing';
 * const simulator = new AmazonSpApiSimulator({ clock });
 * ```
 *
 * @module
 */
export { AmazonSpApiSimulator, type AmazonSimulatorOptions } from './simulator.js';
export type { AmazonSimulatorStats } from './limiter.js';
export type { SimulatedListing, SimulatedOrder, SimulatedJob, SimulatedDocument, SimulatorState } from './state.js';
