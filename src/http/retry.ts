import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';

/**
 * How the pipeline retries. Throttled answers (the platform did nothing) are retried for any
 * method; transient failures (5xx, timeouts, resets, malformed bodies) only for idempotent
 * methods or requests carrying an idempotency key, which is sent unchanged on every attempt.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { limit: 5, baseMs: 250, capMs: 20_000, maxRetryAfterMs: 60_000 };
 * ```
 *
 * @category Retry
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  limit?: number;
  /** Smallest delay, ms (default 200). */
  baseMs?: number;
  /** Largest backoff delay, ms (default 30,000). */
  capMs?: number;
  /** A platform's `Retry-After` is honoured up to this, ms (default 60,000). */
  maxRetryAfterMs?: number;
  /** Header carrying `HttpRequest.idempotencyKey` (default `Idempotency-Key`). */
  idempotencyHeader?: string;
  /** Random source in [0, 1) for jitter (default `Math.random`); inject for determinism. */
  random?: () => number;
}

/**
 * {@link RetryOptions} with every default filled in.
 *
 * @category Retry
 */
export type RetryPolicy = Required<RetryOptions>;

/**
 * Validates retry options once, reporting every problem together, and fills in defaults.
 *
 * @example
 * ```ts
 * const policy = resolveRetry({ baseMs: 100, capMs: 5000 });
 * ```
 *
 * @category Retry
 */
export function resolveRetry(options: RetryOptions | false | undefined): RetryPolicy {
  const o = options === false ? { limit: 0 } : (options ?? {});
  const policy: RetryPolicy = {
    limit: o.limit ?? 3,
    baseMs: o.baseMs ?? 200,
    capMs: o.capMs ?? 30_000,
    maxRetryAfterMs: o.maxRetryAfterMs ?? 60_000,
    idempotencyHeader: o.idempotencyHeader ?? 'Idempotency-Key',
    random: o.random ?? Math.random,
  };
  const issues: ValidationIssue[] = [];
  const nonNegative = (key: 'limit' | 'baseMs' | 'capMs' | 'maxRetryAfterMs') => {
    const value = policy[key];
    if (!Number.isFinite(value) || value < 0)
      issues.push({ path: ['retry', key], message: 'Expected a finite number >= 0.' });
  };
  nonNegative('limit');
  nonNegative('baseMs');
  nonNegative('capMs');
  nonNegative('maxRetryAfterMs');
  if (policy.capMs < policy.baseMs) issues.push({ path: ['retry', 'capMs'], message: 'Expected capMs >= baseMs.' });
  if (!policy.idempotencyHeader)
    issues.push({ path: ['retry', 'idempotencyHeader'], message: 'Expected a header name.' });
  if (issues.length) throw new ValidationError('retry options', issues);
  return policy;
}

/**
 * The backoff before retry number `retry` (1 for the first retry): full jitter over
 * `[baseMs, min(capMs, baseMs * 2^(retry-1))]`. Never overflows: the exponent is bounded
 * before it is computed.
 *
 * @example
 * ```ts
 * backoffDelay(resolveRetry({ baseMs: 100, capMs: 1000 }), 10_000); // somewhere in [100, 1000]
 * ```
 *
 * @category Retry
 */
export function backoffDelay(policy: Pick<RetryPolicy, 'baseMs' | 'capMs' | 'random'>, retry: number): number {
  const { baseMs, capMs } = policy;
  const exponent = Math.min(Math.max(0, retry - 1), 52);
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent);
  const r = policy.random();
  const jitter = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.min(capMs, Math.max(baseMs, Math.floor(baseMs + jitter * (ceiling - baseMs))));
}

/**
 * The wait before a retry: the platform's `Retry-After` (clamped to `[0, maxRetryAfterMs]`)
 * when it gave one, otherwise {@link backoffDelay}.
 *
 * @example
 * ```ts
 * retryDelay(resolveRetry({}), 1, 10 * 60_000); // 60000: clamped
 * ```
 *
 * @category Retry
 */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) {
    return Math.min(policy.maxRetryAfterMs, Math.max(0, Math.ceil(retryAfterMs)));
  }
  if (retryAfterMs !== undefined) return policy.maxRetryAfterMs;
  return backoffDelay(policy, retry);
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Whether a request may be re-sent after a transient failure: idempotent methods always;
 * POST and PATCH only with an idempotency key or when the caller marks them idempotent (a
 * GraphQL query sent with POST).
 *
 * @example
 * ```ts
 * isRetrySafe('POST', { idempotencyKey: 'k-1' }); // true
 * isRetrySafe('PATCH', {}); // false
 * ```
 *
 * @category Retry
 */
export function isRetrySafe(method: string, request: { idempotencyKey?: string; idempotent?: boolean }): boolean {
  // An explicit `false` wins over the method: the caller resolves unknown outcomes itself.
  if (request.idempotent === false) return Boolean(request.idempotencyKey);
  return IDEMPOTENT.has(method.toUpperCase()) || Boolean(request.idempotencyKey) || request.idempotent === true;
}
