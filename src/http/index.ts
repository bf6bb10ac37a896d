/**
 * The request pipeline and its parts: `createHttpClient` (timeouts, retries that never double
 * a write, the circuit breaker, rate limiting from response headers), the token-bucket and
 * keyed limiters, pagination, async jobs that poll a platform until a result is ready, and the
 * idempotency ledger.
 *
 * @example
 * ```ts
 * import { createHttpClient } from 'marketbridge/http';
 * import { createContext } from 'marketbridge';
 * const client = createHttpClient({ platform: 'acme', baseUrl: 'https://api.acme.test', context: createContext() });
 * ```
 *
 * @module marketbridge/http
 */
export { HttpClient, createHttpClient } from './client.js';
export { isUnknownOutcome, isUnknownOutcomeStatus } from './outcome.js';
export type { HttpClientOptions, HttpRequest, HttpResponse } from './client-types.js';
export type { QueryParams } from './url.js';
export type { ResponseType } from './read-body.js';
export * from './classify.js';
export type { LimiterFeedback } from './feedback-types.js';
export { headerFeedback, mergeFeedback } from './header-feedback.js';
export { parseRetryAfter, MAX_RETRY_AFTER_MS } from './retry-after.js';
export * from './retry.js';
export * from './circuit-breaker.js';
export * from './rate-limit/spec.js';
export type { BudgetState } from './rate-limit/backend.js';
export * from './rate-limit/keyed-limiter.js';
export { validatePlan } from './rate-limit/validate.js';
export * from './pagination.js';
export * from './jobs/decode.js';
export * from './jobs/parse.js';
export * from './jobs/async-job.js';
export * from './ledger.js';
