/**
 * A faithful eBay (msw handlers with state) for tests and benchmarks of eBay integrations.
 *
 * @example
 * ```ts
 * import { EbaySimulator } from 'marketbridge/testing/msw';
 * const simulator = new EbaySimulator({ clock });
 * ```
 *
 * @module
 */
export { EbaySimulator, type EbaySimulatorOptions, type EbaySimListingInput } from './simulator.js';
export type { EbaySimulatorStats } from './gate.js';
export type { EbaySimOAuthOptions } from './handlers-oauth.js';
export type { EbaySimOrderInput } from './orders.js';
export { EBAY_SIM_TOPICS } from './handlers-notification.js';
export { EBAY_SIM_BULK_MAX } from './handlers-bulk.js';
export {
  EbaySimOffers,
  type EbaySimState,
  type EbaySimItem,
  type EbaySimOffer,
  type EbaySimOrder,
  type EbaySimToken,
} from './state.js';
