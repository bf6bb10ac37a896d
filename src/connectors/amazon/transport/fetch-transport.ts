import type { AuthHook } from '../../../core/auth-hook.js';
import type { ResolvedContext } from '../../../core/context.js';
import { createRedactor } from '../../../core/errors/redact.js';
import { takeFromBucket } from '../../../store/bucket.js';
import { AMAZON_OPERATION_LIMITS } from '../limits.generated.js';
import type { AmazonOperationLimit } from '../limits-types.js';
import { isQuotaExceeded, toAmazonError } from './errors.js';
import type { AmazonHttpRequest, AmazonHttpResponse, AmazonTransport } from './types.js';

/**
 * Options of {@link createAmazonFetchTransport}.
 *
 * @example
 * ```ts
 * const options: AmazonFetchTransportOptions = { baseUrl: 'https://sellingpartnerapi-na.amazon.com', context, auth, maxAttempts: 5 };
 * ```
 */
export interface AmazonFetchTransportOptions {
  baseUrl: string;
  context: ResolvedContext;
  auth?: AuthHook;
  /** Usage plan overrides per operation (your account may have higher limits). */
  limits?: Record<string, { rate: number; burst: number }>;
  /** Attempts per request when throttled or a 5xx answers an idempotent request (default 5). */
  maxAttempts?: number;
  /** Extra headers on every request (e.g. `user-agent`). */
  headers?: Record<string, string>;
}

const FALLBACK: Pick<AmazonOperationLimit, 'rate' | 'burst'> = { rate: 1, burst: 1 };

/**
 * A compact SP-API transport on `context.fetch`: a token bucket per operation kept in the
 * context's store (so processes sharing a store share the budget), its rate taken from
 * `x-amzn-RateLimit-Limit` when Amazon sends it, `QuotaExceeded` treated as throttling (the
 * bucket is emptied and the call waits for one token), retries with the bucket's wait for
 * throttling and capped exponential backoff for 5xx on idempotent calls, and typed errors.
 *
 * @example
 * ```ts
 * const transport = createAmazonFetchTransport({ baseUrl, context: createContext(), auth: createLwaAuth(credentials, deps) });
 * const { data } = await transport.request({ operation: 'getOrder', method: 'GET', path: '/orders/v0/orders/1' });
 * ```
 */
export function createAmazonFetchTransport(options: AmazonFetchTransportOptions): AmazonTransport {
  const { context } = options;
  const learnedRate = new Map<string, number>();
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  let sequence = 0;

  const plan = (operation: string) => {
    const base = options.limits?.[operation] ?? (AMAZON_OPERATION_LIMITS as Record<string, AmazonOperationLimit>)[operation] ?? FALLBACK;
    return { burst: base.burst, rate: learnedRate.get(operation) ?? base.rate };
  };
  const bucketKey = (operation: string) => `rl:amazon:${context.tenantId}:${operation}`;

  async function waitForToken(operation: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const { rate, burst } = plan(operation);
      const taken = await takeFromBucket(context.store, { key: bucketKey(operation), capacity: burst, refillPerSecond: rate, cost: 1 }, context.clock);
      if (taken.granted) return;
      context.events.emit('throttled', { platform: 'amazon', tenantId: context.tenantId, operation, waitMs: taken.retryAfterMs, source: 'limiter' });
      await context.clock.sleep(taken.retryAfterMs, signal);
    }
  }

  async function drain(operation: string): Promise<number> {
    const { rate, burst } = plan(operation);
    // Amazon says the bucket is empty: take whatever is left so that the next take waits a full token.
    const probe = await takeFromBucket(context.store, { key: bucketKey(operation), capacity: burst, refillPerSecond: rate, cost: 0 }, context.clock);
    if (probe.tokens > 0) await takeFromBucket(context.store, { key: bucketKey(operation), capacity: burst, refillPerSecond: rate, cost: probe.tokens }, context.clock);
    return Math.ceil(1000 / rate);
  }

  return {
    async request<T>(request: AmazonHttpRequest): Promise<AmazonHttpResponse<T>> {
      const url = new URL(options.baseUrl.replace(/\/+$/, '') + request.path);
      for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
      const requestId = `amazon-${context.tenantId}-${++sequence}`;
      const started = context.clock.now();
      const idempotent = request.idempotent ?? (request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE');
      let authRetried = false;
      for (let attempt = 1; ; attempt++) {
        await waitForToken(request.operation, request.signal);
        let httpRequest = new Request(url, {
          method: request.method,
          headers: { accept: 'application/json', ...options.headers, ...request.headers, ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
        });
        const hookContext = { attempt, platform: 'amazon', operation: request.operation, ...(request.signal ? { signal: request.signal } : {}) };
        if (options.auth) httpRequest = (await options.auth.authorize(httpRequest, hookContext)) ?? httpRequest;
        context.events.emit('request', { platform: 'amazon', tenantId: context.tenantId, operation: request.operation, method: request.method, url: url.toString(), attempt, requestId });
        const sentAt = context.clock.now();
        const response = await context.fetch(httpRequest);
        const text = await response.text();
        let data: unknown = text;
        if (text && (response.headers.get('content-type') ?? 'application/json').includes('json')) {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        context.events.emit('response', { platform: 'amazon', tenantId: context.tenantId, operation: request.operation, method: request.method, url: url.toString(), attempt, requestId, status: response.status, durationMs: context.clock.now() - sentAt });
        const limit = Number(response.headers.get('x-amzn-ratelimit-limit'));
        if (response.ok && limit > 0 && Number.isFinite(limit)) learnedRate.set(request.operation, limit);
        if (response.ok) {
          return { status: response.status, headers: response.headers, data: data as T, attempts: attempt, durationMs: context.clock.now() - started, requestId: response.headers.get('x-amzn-requestid') ?? requestId };
        }
        if ((response.status === 401 || response.status === 403) && !authRetried && options.auth?.onUnauthorized && /expired|unauthorized/i.test(text)) {
          authRetried = true;
          if (await options.auth.onUnauthorized(response, hookContext)) continue;
        }
        const throttled = isQuotaExceeded(response.status, data);
        const retryable = throttled || (idempotent && response.status >= 500);
        let waitMs = 0;
        if (throttled) {
          // Amazon's bucket is emptier than ours (another client, a lower plan): empty ours and
          // back off exponentially from one token's time, so that repeated 429s slow us down.
          waitMs = Math.min(60_000, (await drain(request.operation)) * 2 ** (attempt - 1));
          context.events.emit('throttled', { platform: 'amazon', tenantId: context.tenantId, operation: request.operation, waitMs, source: 'server' });
        } else if (retryable) waitMs = Math.min(30_000, 500 * 2 ** (attempt - 1));
        if (!retryable || attempt >= maxAttempts) {
          const redactor = createRedactor({ secrets: options.auth?.secrets?.() ?? [] });
          const headers: Record<string, string> = {};
          httpRequest.headers.forEach((value, key) => (headers[key] = value));
          throw toAmazonError({ status: response.status, body: data, operation: request.operation, redactor, request: { method: request.method, url: url.toString(), headers }, ...(throttled ? { retryAfterMs: waitMs } : {}) });
        }
        context.events.emit('retry', { platform: 'amazon', tenantId: context.tenantId, operation: request.operation, attempt, delayMs: waitMs, reason: throttled ? 'QuotaExceeded' : `HTTP ${response.status}`, requestId });
        await context.clock.sleep(waitMs, request.signal);
      }
    },
  };
}
