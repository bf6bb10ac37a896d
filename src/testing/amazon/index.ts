/**
 * Faithful simulators (msw handlers) of the Selling Partner API and the Creators API, for tests
 * and benchmarks of Amazon integrations.
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
export { AmazonCreatorsSimulator, type CreatorsSimulatorOptions, type CreatorsSimulatorCall } from './creators-simulator.js';
export { CREATORS_REQUEST_CONTRACT, CREATORS_CREDENTIAL_VERSIONS, creatorsRequestProblems, expectedCreatorsAuthorization, type CreatorsFieldProblem } from './creators-contract.js';
export type { SimulatedCatalogItem } from './state.js';
