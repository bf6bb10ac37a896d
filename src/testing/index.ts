/**
 * Test helpers for marketbridge users and implementers: a fake clock, the conformance suites
 * that every `Store` and `Lock` implementation passes, and the platform simulators (Shopify,
 * Amazon SP-API, bol.com) as msw handlers.
 *
 * @example
 * ```ts
 * import { FakeClock, storeConformanceCases } from 'marketbridge/testing';
 * ```
 *
 * @module marketbridge/testing
 */
export { FakeClock } from './fake-clock.js';
export {
  storeConformanceCases,
  lockConformanceCases,
  type StoreHarness,
  type LockHarness,
  type ConformanceCase,
} from './store-conformance.js';
export { ConformanceError } from './assert.js';
export * from './webhooks/index.js';
export * from './pipeline/index.js';
export * from './shopify/index.js';
export * from './amazon/index.js';
export * from '../connectors/bol/simulator/index.js';
export * from '../connectors/ebay/simulator/index.js';
export * from '../connectors/mercadolibre/simulator/index.js';
