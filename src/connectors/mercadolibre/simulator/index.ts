/**
 * A faithful MercadoLibre simulator (msw handlers or a `fetch`) for tests and benchmarks of
 * MercadoLibre integrations.
 *
 * @example
 * ```ts
 * import { MercadoLibreSimulator } from 'marketbridge/testing/msw';
 * const simulator = new MercadoLibreSimulator({ clock });
 * ```
 *
 * @module
 */
export {
  MercadoLibreSimulator,
  type MercadoLibreSimulatorOptions,
  type MercadoLibreSimulatorStats,
} from './simulator.js';
export { SimCatalog, type SimItemInput, type SimOrderInput } from './seeding.js';
export { SimTokens, type SimTokenFault, type SimTokenStats, type SimAccessToken } from './tokens.js';
export { resourceOfRequest, type SimResourceStats } from './limits.js';
export { MISSED_FEEDS_RETENTION_MS } from './feeds.js';
export type { MercadoLibreSimState, SimSeller, SimUserProduct, SimScroll } from './state.js';
