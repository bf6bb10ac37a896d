import type { AuthHook } from '../../core/auth-hook.js';
import type { ResolvedContext } from '../../core/context.js';
import { HttpClient, type HttpResponse } from '../../http/client.js';
import type { RateLimitPlan } from '../../http/rate-limit/spec.js';
import type { RetryOptions } from '../../http/retry.js';
import { bolClassifier } from './classifier.js';
import { BOL_MEDIA_TYPE, type BolEndpoints } from './endpoints.js';
import { toBolError } from './errors.js';
import type { BolRequest } from './requests/types.js';

/**
 * Options of {@link BolClient}.
 *
 * @example
 * ```ts
 * const options: BolClientOptions = { context, endpoints: resolveBolEndpoints({}), auth, limits: bolRateLimitPlan() };
 * ```
 *
 * @category Marketplace
 */
export interface BolClientOptions {
  context: ResolvedContext;
  endpoints: BolEndpoints;
  auth?: AuthHook;
  limits?: RateLimitPlan;
  retry?: RetryOptions | false;
  timeoutMs?: number;
  /** Extra secret values to redact. */
  secrets?: readonly string[];
}

/**
 * Sends {@link BolRequest}s through the request pipeline: bol.com's media types, the auth
 * stage, fixed windows per endpoint group, the bol.com classifier (problems, 429 with
 * `Retry-After`, `x-ratelimit-*` feedback), retries of throttled and idempotent requests, and
 * problems with `violations` turned into `ValidationError`s.
 *
 * @example
 * ```ts
 * const client = new BolClient({ context, endpoints, auth, limits: bolRateLimitPlan() });
 * const { data } = await client.send<BolRetailerOffer>(getOfferRequest(offerId));
 * ```
 *
 * @category Marketplace
 */
export class BolClient {
  /** The pipeline (its limiter and breaker are inspectable). */
  readonly http: HttpClient;
  /** Where requests go. */
  readonly endpoints: BolEndpoints;

  /** @param options - context, endpoints, auth, limits and policies */
  constructor(options: BolClientOptions) {
    this.endpoints = options.endpoints;
    this.http = new HttpClient({
      platform: 'bol',
      baseUrl: options.endpoints.retailer,
      context: options.context,
      classify: bolClassifier,
      headers: { accept: BOL_MEDIA_TYPE },
      ...(options.auth ? { auth: options.auth } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
    });
  }

  /** The absolute URL of a request. */
  url(request: BolRequest): string {
    return `${request.api === 'shared' ? this.endpoints.shared : this.endpoints.retailer}${request.path}`;
  }

  /** Sends one request; resolves the parsed answer or throws a typed error. */
  async send<T = unknown>(request: BolRequest, signal?: AbortSignal): Promise<HttpResponse<T>> {
    const headers: Record<string, string> = { accept: request.accept ?? BOL_MEDIA_TYPE };
    if (request.json !== undefined) headers['content-type'] = BOL_MEDIA_TYPE;
    try {
      return await this.http.request<T>({
        operation: request.operation,
        method: request.method,
        path: this.url(request),
        headers,
        ...(request.query ? { query: request.query } : {}),
        ...(request.json !== undefined ? { json: request.json } : {}),
        ...(request.stream ? { responseType: 'stream' as const } : {}),
        ...(request.idempotent === false ? { idempotent: false } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw toBolError(error, request.operation);
    }
  }
}
