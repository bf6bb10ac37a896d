/**
 * A faithful bol.com Retailer API v10 simulator (msw handlers) for tests and benchmarks.
 *
 * @example
 * ```ts
 * import { BolRetailerSimulator } from 'marketbridge/testing/msw';
 * const simulator = new BolRetailerSimulator({ clock });
 * ```
 *
 * @module
 */
export { BolRetailerSimulator, type BolSimulatorOptions, type BolSimulatorStats } from './simulator.js';
export { BOL_SIMULATOR_WINDOWS, windowGroup, type BolSimulatorWindow, type BolWindowStats } from './windows.js';
export type { SimulatedBolOffer, SimulatedProcessStatus, StatusEffect, BolSimulatorState } from './state.js';
export type { SimulatedWrite, SimulatedPush } from './runtime.js';
export type { BolSimulatorOfferInput, BolSimulatorOrderInput } from './seed.js';
