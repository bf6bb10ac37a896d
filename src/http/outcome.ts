import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';

/**
 * Whether an HTTP status leaves the outcome of a request unknown: 408, 425 and every 5xx. The
 * server may have acted on the request before it failed to answer, so a write (or a single-use
 * refresh token) must be read back, never blindly sent again. The request pipeline treats these
 * statuses as transient, and the OAuth token endpoint as "maybe consumed", by this one rule.
 *
 * @example
 * ```ts
 * isUnknownOutcomeStatus(503); // true
 * isUnknownOutcomeStatus(429); // false: throttled, nothing was done
 * ```
 *
 * @category Retry
 */
export function isUnknownOutcomeStatus(status: number): boolean {
  return status === 408 || status === 425 || status >= 500;
}

/**
 * Whether an error thrown by `HttpClient.request` means the request may have reached the
 * platform without an answer (timeout, connection failure, or a status for which
 * {@link isUnknownOutcomeStatus} holds): the outcome of a write is then unknown and must be
 * read back, not blindly re-sent. Errors raised before anything was sent (validation, an open
 * circuit, throttling, auth) are known outcomes: nothing happened.
 *
 * @example
 * ```ts
 * try { await client.request(createOrder); } catch (e) { if (isUnknownOutcome(e)) await readBack(); }
 * ```
 *
 * @category Retry
 */
export function isUnknownOutcome(error: unknown): boolean {
  if (!isMarketbridgeError(error)) return true;
  if (error.code === 'timeout') return true;
  return error.code === 'marketplace_api_error' && error.retryable;
}
