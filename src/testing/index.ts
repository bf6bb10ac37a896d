/**
 * Test helpers that need nothing beyond marketbridge itself: a fake clock, the conformance
 * suites every `Store` and `Lock` implementation passes, signers that build the webhook and
 * session-token requests each platform sends, and the pipeline simulator that answers like a
 * throttling platform. The msw simulators of every platform are on `marketbridge/testing/msw`.
 *
 * @example
 * ```ts
 * import { FakeClock, signShopifyTestRequest } from 'marketbridge/testing';
 * const clock = new FakeClock();
 * const request = await signShopifyTestRequest({ secret: 'app-secret', topic: 'orders/create', payload: { id: 1 } });
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
export {
  signShopifySessionToken,
  acceptsSessionToken,
  type SignShopifySessionTokenInput,
} from '../connectors/shopify/simulator/session-token.js';
export { signShopifyQuery } from '../connectors/shopify/simulator/query-hmac.js';
export { createBolSigningKeys, signBolNotification, type BolSigningKeys } from '../connectors/bol/simulator/signing.js';
export {
  CREATORS_REQUEST_CONTRACT,
  CREATORS_CREDENTIAL_VERSIONS,
  creatorsRequestProblems,
  expectedCreatorsAuthorization,
  type CreatorsFieldProblem,
} from '../connectors/amazon-creators/simulator/contract.js';
