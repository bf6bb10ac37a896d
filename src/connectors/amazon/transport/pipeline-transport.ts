import type { AuthHook } from '../../../core/auth-hook.js';
import type { ResolvedContext } from '../../../core/context.js';
import type { Classification, ResponseClassifier } from '../../../http/classify.js';
import { createHttpClient } from '../../../http/client.js';
import type { RateLimitPlan, TokenBucketSpec } from '../../../http/rate-limit/spec.js';
import { amazonClassifier } from '../classify.js';
import { AMAZON_OPERATION_LIMITS } from '../limits.generated.js';
import type { AmazonOperationLimit } from '../limits-types.js';
import { amazonBudgetKeys, type AmazonBudgetScope } from './budget-scope.js';
import { GRANTLESS_OPERATIONS } from './lwa-auth.js';
import type { AmazonHttpRequest, AmazonHttpResponse, AmazonTransport } from './types.js';

/**
 * Options of {@link createAmazonPipelineTransport}.
 *
 * @example
 * ```ts
 * const options: AmazonPipelineTransportOptions = { baseUrl: 'https://sellingpartnerapi-eu.amazon.com', context, auth, retries: 5 };
 * ```
 *
 * @category Operations
 */
export interface AmazonPipelineTransportOptions {
  baseUrl: string;
  context: ResolvedContext;
  auth?: AuthHook;
  /** Usage plan overrides per operation. */
  limits?: Record<string, { rate: number; burst: number }>;
  /** Whose budgets the calls spend (selling partner, application, region, whatever the tenant); without it, budgets are per tenant only. */
  budgetScope?: AmazonBudgetScope;
  /** Retries after throttling or transient failures (default 5). */
  retries?: number;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/**
 * The usage plans of the models (and overrides) as a rate-limit plan for the request
 * pipeline: one token bucket per operation, shared through the context's store. With a
 * `scope`, the buckets are the selling partner's and application's in its region (grantless
 * operations: the application's), as Amazon keeps them, whichever tenant spends them; without
 * one, they are the tenant's.
 *
 * @example
 * ```ts
 * const plan = amazonRateLimitPlan({ patchListingsItem: { rate: 10, burst: 10 } }, { region: 'eu', sellerId: 'A1SELLER', applicationId: clientId });
 * ```
 *
 * @category Operations
 */
export function amazonRateLimitPlan(
  overrides: Record<string, { rate: number; burst: number }> = {},
  scope?: AmazonBudgetScope,
): RateLimitPlan {
  const keys = scope ? amazonBudgetKeys(scope) : undefined;
  const operations: Record<string, TokenBucketSpec> = {};
  for (const [operation, limit] of Object.entries({
    ...(AMAZON_OPERATION_LIMITS as Record<string, AmazonOperationLimit>),
    ...overrides,
  })) {
    operations[operation] = {
      kind: 'token-bucket',
      ratePerSecond: limit.rate,
      burst: limit.burst,
      ...(keys ? { bucket: keys.bucket(operation, operation in GRANTLESS_OPERATIONS) } : {}),
    };
  }
  return {
    operations,
    default: { kind: 'token-bucket', ratePerSecond: 1, burst: 1 },
    shared: true,
    keyPrefix: 'rl:amazon',
    ...(keys ? { scope: keys.scope } : {}),
  };
}

/**
 * The SP-API transport on the library's request pipeline (`createHttpClient`): the auth hook,
 * a token bucket per operation from the usage plans whose rate follows `x-amzn-RateLimit-Limit`,
 * `QuotaExceeded` classified as throttling (the bucket is emptied and the retry waits one
 * token's time), retries, circuit breaker, timeout and typed errors.
 *
 * @example
 * ```ts
 * const transport = createAmazonPipelineTransport({ baseUrl: resolveBaseUrl({ region: 'eu' }), context, auth: createLwaAuth(credentials, context) });
 * ```
 *
 * @category Operations
 */
export function createAmazonPipelineTransport(options: AmazonPipelineTransportOptions): AmazonTransport {
  const plan = amazonRateLimitPlan(options.limits, options.budgetScope);
  const rate = (operation: string) => (plan.operations?.[operation] as TokenBucketSpec | undefined)?.ratePerSecond ?? 1;
  const classify: ResponseClassifier = (input) => {
    const platform = amazonClassifier(input);
    const plain429 = input.status === 429 && (platform === undefined || platform.kind === 'ok');
    const verdict: Classification | undefined = plain429
      ? { kind: 'throttled', message: 'HTTP 429', ...(platform?.feedback ? { feedback: platform.feedback } : {}) }
      : platform;
    if (verdict?.kind !== 'throttled') return verdict;
    // Amazon sends no Retry-After: its bucket is empty, so ours is too, and one token takes 1/rate s.
    return {
      ...verdict,
      retryAfterMs: Math.ceil(1000 / rate(input.operation)),
      feedback: { ...verdict.feedback, available: 0 },
    };
  };
  const client = createHttpClient({
    platform: 'amazon',
    baseUrl: options.baseUrl,
    context: options.context,
    ...(options.auth ? { auth: options.auth } : {}),
    limits: plan,
    classify,
    retry: { limit: options.retries ?? 5, baseMs: 500, capMs: 30_000 },
    timeoutMs: options.timeoutMs ?? 30_000,
    headers: { accept: 'application/json', ...options.headers },
    arrayFormat: 'comma',
  });
  return {
    request<T>(request: AmazonHttpRequest): Promise<AmazonHttpResponse<T>> {
      return client.request<T>(request);
    },
  };
}
