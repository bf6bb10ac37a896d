import type { WebBody } from '../core/web-types.js';
import type { AuthHook } from '../core/auth-hook.js';
import type { ResolvedContext } from '../core/context.js';
import type { CircuitBreakerOptions } from './circuit-breaker.js';
import type { ResponseClassifier } from './classify.js';
import type { RateLimitPlan } from './rate-limit/spec.js';
import type { ResponseType } from './read-body.js';
import type { RetryOptions } from './retry.js';
import type { QueryParams } from './url.js';

/**
 * Options of {@link HttpClient}: one per connector instance.
 *
 * @example
 * ```ts
 * const options: HttpClientOptions = {
 *   platform: 'shopify',
 *   baseUrl: 'https://my-shop.myshopify.com/admin/api/2026-01',
 *   context: createContext(),
 *   limits: { operations: { graphql: { kind: 'cost-bucket', capacity: 1000, restorePerSecond: 100 } } },
 *   classify: shopifyGraphqlClassifier,
 *   retry: { limit: 5 },
 *   timeoutMs: 30_000,
 * };
 * ```
 *
 * @category Client
 */
export interface HttpClientOptions {
  /** Platform name, e.g. `shopify`; part of limiter keys, events and errors. */
  platform: string;
  /** Base URL; request paths are relative to it (point it at a sandbox, proxy or simulator). */
  baseUrl: string;
  /** Injected fetch, clock, store, events, logger and tenant. */
  context: ResolvedContext;
  /** Attaches credentials to every attempt; refreshes once on 401. */
  auth?: AuthHook;
  /** Rate limits per operation; budgets kept in `context.store` when `shared`. */
  limits?: RateLimitPlan;
  /** Platform-specific classification (THROTTLED in a 200, QuotaExceeded, problem+json) and body feedback. */
  classify?: ResponseClassifier;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /** Circuit breaker options, or `false` for none (default: on, 5 failures, 30 s). */
  breaker?: CircuitBreakerOptions | false;
  /** Per-attempt timeout in ms, covering the body for non-stream responses (default 30,000; 0 for none). */
  timeoutMs?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Extra secret values to redact from errors, events and logs. */
  secrets?: readonly string[];
  /** How array query values are sent: `a=1&a=2` (`repeat`, default) or `a=1,2` (`comma`). */
  arrayFormat?: 'repeat' | 'comma';
}

/**
 * One request through the pipeline.
 *
 * @example
 * ```ts
 * const request: HttpRequest = {
 *   operation: 'getOrders',
 *   method: 'GET',
 *   path: '/orders/v0/orders',
 *   query: { MarketplaceIds: ['ATVPDKIKX0DER'], CreatedAfter: '2026-01-01T00:00:00Z' },
 * };
 * ```
 *
 * @category Client
 */
export interface HttpRequest {
  /** Operation name: limiter key part and event/error context. */
  operation: string;
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  /** Relative to `baseUrl`, or an absolute URL (a next-page link, a document URL). */
  path: string;
  /** Query parameters; `undefined` values are left out. */
  query?: QueryParams;
  /** Headers for this request. */
  headers?: Record<string, string>;
  /** A JSON body (sets `content-type: application/json`). */
  json?: unknown;
  /** A raw body. Streams cannot be re-sent, so they are never retried. */
  body?: WebBody;
  /** Makes a non-idempotent method retryable; the same key is sent on every attempt. */
  idempotencyKey?: string;
  /**
   * `true` marks a POST as safe to repeat (a GraphQL query); `false` keeps even a PUT or DELETE
   * from being sent again after a transient failure, for callers that resolve an unknown
   * outcome themselves (by reading back). Throttled answers are retried either way.
   */
  idempotent?: boolean;
  /** Reserved cost for cost buckets (GraphQL requested cost). */
  cost?: number;
  /** Higher goes first when waiting for budget (default 0). */
  priority?: number;
  /** Cancels the request in every stage. */
  signal?: AbortSignal;
  /** How to read the body (default `json`). */
  responseType?: ResponseType;
}

/**
 * A successful response.
 *
 * @example
 * ```ts
 * const response: HttpResponse<{ orders: unknown[] }> = await client.request({ operation: 'getOrders', method: 'GET', path: '/orders' });
 * console.log(response.status, response.attempts, response.data.orders.length);
 * ```
 *
 * @category Client
 */
export interface HttpResponse<T = unknown> {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** The parsed body (per `responseType`). */
  data: T;
  /** Attempts made, including the successful one. */
  attempts: number;
  /** From the start of the call to the end, by the injected clock (includes waits). */
  durationMs: number;
  /** The id shared by every attempt's events. */
  requestId: string;
}
