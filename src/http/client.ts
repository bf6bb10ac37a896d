import ky, { type BeforeRequestHook, type KyInstance } from 'ky';
import type { AuthHookContext } from '../core/auth-hook.js';
import { AuthError } from '../core/errors/auth-error.js';
import { CircuitOpenError } from '../core/errors/circuit-open-error.js';
import { isMarketbridgeError, MarketbridgeError } from '../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../core/errors/marketplace-api-error.js';
import { createRedactor, type Redactor, type RequestSnapshot } from '../core/errors/redact.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import { CircuitBreaker, type BreakerPermit } from './circuit-breaker.js';
import { defaultClassify, type Classification } from './classify.js';
import type { HttpClientOptions, HttpRequest, HttpResponse } from './client-types.js';
import type { LimiterFeedback } from './feedback-types.js';
import { createAttemptTimers, type AttemptTimer } from './attempt-timer.js';
import { headerFeedback, mergeFeedback } from './header-feedback.js';
import { buildHeaders } from './headers.js';
import { KeyedLimiter, type LimiterAcquireOptions, type LimiterPermit } from './rate-limit/keyed-limiter.js';
import { readBody } from './read-body.js';
import { isRetrySafe, resolveRetry, retryDelay, type RetryPolicy } from './retry.js';
import { buildUrl } from './url.js';
import { validateClientOptions, validateRequest } from './validate-client.js';
import { responseError } from './to-error.js';

export type { HttpClientOptions, HttpRequest, HttpResponse } from './client-types.js';

const errorName = (error: unknown): string => (error instanceof Error ? error.name : typeof error);

/**
 * The attempt's signal travels to fetch under a key ky does not know; ky keeps it among its
 * options and hands them to its hooks. Given to ky as `signal`, it would be combined with ky's
 * own controller through `AbortSignal.any` on every request; ky never aborts that controller
 * with its retries and its timeout off.
 */
const SIGNAL_OPTION = 'marketbridgeSignal';

/**
 * ky's `beforeRequest` hook that sends: it hands fetch the Request ky built, with the attempt's
 * signal, and gives ky the answer. An answer from a `beforeRequest` hook is ky's documented way
 * to respond to a request; ky then skips what it does before its own fetch: cloning the
 * Request for its retries (the pipeline retries; ky's retry is off) and its timeout wrapper
 * (off too). Everything else (options, headers, the Request, the response) stays ky's.
 */
function sendHook(fetch: typeof globalThis.fetch): BeforeRequestHook {
  return async (request, options) => {
    const signal = (options as { [SIGNAL_OPTION]?: AbortSignal })[SIGNAL_OPTION];
    const response: Response = await (signal ? fetch(request, { signal }) : fetch(request));
    // ky sends the request itself unless the hook answers with a Response of this realm.
    if (response instanceof Response) return response;
    const foreign = response as Response;
    return new Response(foreign.body, foreign);
  };
}

interface Built {
  input: Request | string;
  init: RequestInit;
  url: string;
  snapshot: () => RequestSnapshot;
}

type AllowedBreakerPermit = Extract<BreakerPermit, { allowed: true }>;

type Outcome =
  | { ok: true; response: Response; data: unknown }
  | {
      ok: false;
      error: MarketbridgeError;
      kind: Classification['kind'];
      retryAfterMs?: number;
      authResponse?: Response;
    };

/**
 * The request pipeline one connector instance owns. Every attempt goes through, in order:
 * auth → rate limiter → circuit breaker → timeout → send (ky) → classify → limiter feedback →
 * retry decision → typed error or parsed body. Cancellation reaches every stage.
 *
 * @example
 * ```ts
 * const client = createHttpClient({
 *   platform: 'amazon',
 *   baseUrl: 'https://sellingpartnerapi-eu.amazon.com',
 *   context: createContext(),
 *   limits: { operations: { getOrders: { kind: 'token-bucket', ratePerSecond: 0.0167, burst: 20 } } },
 *   classify: amazonClassifier,
 * });
 * const { data } = await client.request<{ payload: unknown }>({ operation: 'getOrders', method: 'GET', path: '/orders/v0/orders' });
 * ```
 *
 * @category Client
 */
export class HttpClient {
  /** The client's options, as given. */
  readonly options: HttpClientOptions;
  /** The keyed limiter (exported state: `client.limiter.toJSON()`). */
  readonly limiter: KeyedLimiter | undefined;
  /** The circuit breaker, if enabled. */
  readonly breaker: CircuitBreaker | undefined;
  readonly #retry: RetryPolicy;
  /** ky with the pipeline's fixed options merged once, so each send merges only its own. */
  readonly #ky: KyInstance;
  /** Attempt timers; concurrent attempts with one deadline share one. */
  readonly #startTimer: (ms: number, outer: AbortSignal | undefined, stream: boolean) => AttemptTimer;
  #redactorCache: { key: string; redactor: Redactor } | undefined;

  /** @param options - see {@link HttpClientOptions}; validated once, every problem reported together */
  constructor(options: HttpClientOptions) {
    validateClientOptions(options);
    this.options = options;
    this.#retry = resolveRetry(options.retry);
    const { context, platform } = options;
    this.limiter = options.limits
      ? new KeyedLimiter({
          plan: options.limits,
          clock: context.clock,
          store: context.store,
          platform,
          tenantId: options.limits.scope ?? context.tenantId,
          onWait: ({ operation, waitMs }) =>
            context.events.emit('throttled', {
              platform,
              tenantId: context.tenantId,
              operation,
              waitMs,
              source: 'limiter',
            }),
        })
      : undefined;
    this.breaker = options.breaker === false ? undefined : new CircuitBreaker(context.clock, options.breaker ?? {});
    // The pipeline owns retries, timeouts and status handling; ky only sends.
    this.#ky = ky.create({
      // Only reached if the hook did not answer; it always does (see sendHook).
      fetch: context.fetch,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      hooks: { beforeRequest: [sendHook(context.fetch)] },
    });
    this.#startTimer = createAttemptTimers(context.clock);
  }

  /** Sends a request through the pipeline; resolves the parsed body or throws a `MarketbridgeError`. */
  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    validateRequest(request);
    const { context } = this.options;
    const requestId = globalThis.crypto.randomUUID();
    const start = context.clock.now();
    const retrySafe = isRetrySafe(request.method, request) && !(request.body instanceof ReadableStream);
    let retries = 0;
    let refreshedAuth = false;
    for (let attempt = 1; ; attempt++) {
      request.signal?.throwIfAborted();
      const outcome = await this.#attempt(request, attempt, requestId);
      if (outcome.ok) {
        return {
          status: outcome.response.status,
          headers: outcome.response.headers,
          data: outcome.data as T,
          attempts: attempt,
          durationMs: context.clock.now() - start,
          requestId,
        };
      }
      if (outcome.kind === 'auth' && !refreshedAuth && outcome.authResponse && this.options.auth?.onUnauthorized) {
        refreshedAuth = true;
        const retry = await this.options.auth.onUnauthorized(outcome.authResponse, this.#authContext(request, attempt));
        if (retry) continue;
      }
      const retryable = outcome.kind === 'throttled' || (outcome.kind === 'transient' && retrySafe);
      if (!retryable || retries >= this.#retry.limit) throw outcome.error;
      retries++;
      const delayMs = retryDelay(this.#retry, retries, outcome.retryAfterMs);
      context.events.emit('retry', {
        platform: this.options.platform,
        tenantId: context.tenantId,
        operation: request.operation,
        attempt: attempt + 1,
        delayMs,
        reason: outcome.error.message,
        requestId,
      });
      if (outcome.kind === 'throttled') {
        context.events.emit('throttled', {
          platform: this.options.platform,
          tenantId: context.tenantId,
          operation: request.operation,
          waitMs: delayMs,
          source: 'server',
        });
      }
      await context.clock.sleep(delayMs, request.signal);
    }
  }

  #authContext(request: HttpRequest, attempt: number): AuthHookContext {
    return {
      attempt,
      platform: this.options.platform,
      operation: request.operation,
      ...(request.signal ? { signal: request.signal } : {}),
    };
  }

  #redactor(): Redactor {
    const secrets = [...(this.options.secrets ?? []), ...(this.options.auth?.secrets?.() ?? [])];
    const key = secrets.join('\u0000');
    // Building a redactor compiles a pattern; rebuild only when the secrets change (rotation).
    if (this.#redactorCache?.key !== key) this.#redactorCache = { key, redactor: createRedactor({ secrets }) };
    return this.#redactorCache.redactor;
  }

  #build(request: HttpRequest, attempt: number): Built | Promise<Built> {
    const { options } = this;
    const { platform } = options;
    const { operation } = request;
    let url: string;
    try {
      url = buildUrl(options.baseUrl, request.path, request.query, options.arrayFormat);
    } catch {
      // The runtime's "Invalid URL" error carries the input, query secrets included.
      throw new ValidationError(
        'HTTP request',
        [{ path: ['path'], message: 'Does not form a valid URL with the base URL.' }],
        { platform, operation, redactor: this.#redactor() },
      );
    }
    const idempotency = request.idempotencyKey
      ? { [this.#retry.idempotencyHeader]: request.idempotencyKey }
      : undefined;
    const headers = buildHeaders({
      sources: [options.headers, request.headers, idempotency],
      platform,
      operation,
      redactor: () => this.#redactor(),
    });
    let body: BodyInit | undefined = request.body;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    if (!headers.has('accept') && (request.responseType ?? 'json') === 'json')
      headers.set('accept', 'application/json');
    const init: RequestInit = { method: request.method, headers };
    if (body !== undefined) init.body = body;
    if (body instanceof ReadableStream) (init as { duplex?: string }).duplex = 'half';
    const snapshot = (sentHeaders: Headers) => (): RequestSnapshot => {
      const shot: RequestSnapshot = { method: request.method, url, headers: Object.fromEntries(sentHeaders) };
      if (typeof body === 'string') shot.body = body;
      return shot;
    };
    // Without an auth hook there is nothing to wait for: no promise, no extra tick.
    if (!options.auth) return { input: url, init, url, snapshot: snapshot(headers) };
    const auth = options.auth;
    return (async (): Promise<Built> => {
      // The auth hook works on a Request; without one, ky builds the only Request there is.
      const built = new Request(url, init);
      let input: Request;
      try {
        input = (await auth.authorize(built, this.#authContext(request, attempt))) ?? built;
      } catch (error) {
        if (isMarketbridgeError(error)) throw error;
        // e.g. a token with a line break refused by `Headers`: the runtime's message quotes it.
        throw new AuthError(`The auth hook of ${platform} failed before ${operation} was sent (${errorName(error)}).`, {
          platform,
          operation,
          cause: error,
          redactor: this.#redactor(),
        });
      }
      return { input, init: {}, url, snapshot: snapshot(input.headers) };
    })();
  }

  async #attempt(request: HttpRequest, attempt: number, requestId: string): Promise<Outcome> {
    const building = this.#build(request, attempt);
    const built = building instanceof Promise ? await building : building;
    // After the auth hook: a token it just obtained is among the secrets.
    const redactor = this.#redactor();
    const permit: LimiterPermit | undefined = this.limiter
      ? await this.limiter.acquire(request.operation, this.#acquireOptions(request))
      : undefined;
    try {
      const breaker = this.#breakerPermit(request, built, redactor);
      try {
        return await this.#send(request, attempt, requestId, built, redactor, permit, breaker);
      } finally {
        // Every path settles the breaker: one that reported no outcome (a classifier that threw,
        // the caller's abort) hands a probe's slot back instead of leaving the circuit half-open.
        breaker?.release();
      }
    } finally {
      // No answer (connection failure, timeout, open breaker): the headroom is still reserved.
      // A permit gives it back once, so after real feedback this call is a no-op.
      if (permit && permit.headroom > 0) await this.#feed(permit, {}, undefined, request);
      permit?.release();
    }
  }

  async #send(
    request: HttpRequest,
    attempt: number,
    requestId: string,
    built: Built,
    redactor: Redactor,
    permit: LimiterPermit | undefined,
    breaker: AllowedBreakerPermit | undefined,
  ): Promise<Outcome> {
    const { context, platform } = this.options;
    const { events } = context;
    const listened = events.listenerCount('request') > 0 || events.listenerCount('response') > 0;
    // Event payloads (and the redacted URL) are built only when someone listens.
    const common = listened
      ? {
          platform,
          tenantId: context.tenantId,
          operation: request.operation,
          method: request.method,
          attempt,
          requestId,
        }
      : undefined;
    const url = listened ? redactor.request({ method: request.method, url: built.url }).url : built.url;
    if (common) events.emit('request', { ...common, url });
    const sent = context.clock.now();
    let response: Response;
    let body: Awaited<ReturnType<typeof readBody>>;
    const timeoutMs = this.#attemptTimeoutMs(breaker);
    const timer = this.#startTimer(timeoutMs, request.signal, request.responseType === 'stream');
    try {
      const init: RequestInit & { [SIGNAL_OPTION]?: AbortSignal } = built.init;
      if (timer.signal) init[SIGNAL_OPTION] = timer.signal;
      response = await this.#ky(built.input, init);
      body = await readBody(response, request.responseType ?? 'json');
    } catch (error) {
      // The caller's abort says nothing about the platform: the breaker is released, not failed.
      request.signal?.throwIfAborted();
      if (breaker?.failure()) this.#emitOpen();
      const timedOut = timer.timedOut();
      const message = timedOut
        ? `${platform} ${request.operation} got no answer within ${timeoutMs} ms.`
        : `${platform} ${request.operation}: the connection failed before an answer arrived.`;
      const options = { platform, operation: request.operation, request: built.snapshot(), redactor, cause: error };
      return {
        ok: false,
        kind: 'transient',
        error: timedOut
          ? new TimeoutError(message, options)
          : new MarketplaceApiError(message, { ...options, retryable: true }),
      };
    } finally {
      // A stream outlives the attempt's timeout (a large document downloads for minutes).
      timer.clear();
    }
    const durationMs = context.clock.now() - sent;
    if (common) events.emit('response', { ...common, url, status: response.status, durationMs });
    const input = {
      status: response.status,
      headers: response.headers,
      body: body.parsed,
      method: request.method,
      operation: request.operation,
    };
    let custom: ReturnType<NonNullable<HttpClientOptions['classify']>> | undefined;
    try {
      custom = this.options.classify?.(input);
    } catch (error) {
      const message = `${platform} ${request.operation}: the response classifier threw (${errorName(error)}) on an HTTP ${response.status} answer; fix the classifier.`;
      return {
        ok: false,
        kind: 'invalid',
        error: new MarketbridgeError('internal', message, {
          platform,
          operation: request.operation,
          status: response.status,
          request: built.snapshot(),
          redactor,
          cause: error,
        }),
      };
    }
    let verdict: Classification = custom && custom.kind !== 'ok' ? custom : defaultClassify(input);
    if (verdict.kind === 'ok' && body.malformed) verdict = { kind: 'transient', message: 'malformed JSON body' };
    if (verdict.kind === 'transient') {
      if (breaker?.failure()) this.#emitOpen();
    } else breaker?.success();
    const feedback = mergeFeedback(
      headerFeedback(response.headers, context.clock.now(), this.#retry.maxRetryAfterMs),
      custom?.feedback,
    );
    // The platform's bucket is empty when it throttles, whatever ours says.
    if (verdict.kind === 'throttled' && feedback.available === undefined) feedback.available = 0;
    // Empty feedback changes no budget (unless headroom is to be given back); skipping it
    // saves two promises per request.
    if (permit && (permit.headroom > 0 || Object.keys(feedback).length > 0))
      await this.#feed(permit, feedback, sent, request);
    if (verdict.kind === 'ok') return { ok: true, response, data: body.data };
    const retryAfterMs = verdict.retryAfterMs ?? feedback.pauseMs;
    const error = responseError({
      platform,
      operation: request.operation,
      status: response.status,
      body: body.data,
      verdict,
      request: built.snapshot(),
      redactor,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
    return {
      ok: false,
      kind: verdict.kind,
      error,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(verdict.kind === 'auth' ? { authResponse: response } : {}),
    };
  }

  /**
   * Feeds the limiter. Its budget is advisory: a shared store that fails here must not turn an
   * answer the platform already gave into an error (a write that succeeded would look unknown).
   */
  async #feed(
    permit: LimiterPermit,
    feedback: LimiterFeedback,
    sent: number | undefined,
    request: HttpRequest,
  ): Promise<void> {
    try {
      await (sent === undefined ? permit.feedback(feedback) : permit.feedback(feedback, sent));
    } catch (error) {
      this.options.context.logger.warn('rate limiter feedback failed; the budget may be stale', {
        platform: this.options.platform,
        operation: request.operation,
        error: errorName(error),
      });
    }
  }

  /** The attempt's timeout; a half-open probe is bounded by the breaker's probe timeout too. */
  #attemptTimeoutMs(breaker: AllowedBreakerPermit | undefined): number {
    const ms = this.options.timeoutMs ?? 30_000;
    if (!breaker?.probe || !this.breaker) return ms;
    return ms > 0 ? Math.min(ms, this.breaker.probeTimeoutMs) : this.breaker.probeTimeoutMs;
  }

  #breakerPermit(request: HttpRequest, built: Built, redactor: Redactor): AllowedBreakerPermit | undefined {
    if (!this.breaker) return undefined;
    const permit: BreakerPermit = this.breaker.acquire();
    if (!permit.allowed) {
      throw new CircuitOpenError(
        `${this.options.platform} is failing; requests are paused until ${new Date(permit.until).toISOString()}.`,
        { platform: this.options.platform, operation: request.operation, request: built.snapshot(), redactor },
      );
    }
    return permit;
  }

  #acquireOptions(request: HttpRequest): LimiterAcquireOptions {
    const options: LimiterAcquireOptions = {};
    if (request.cost !== undefined) options.cost = request.cost;
    if (request.priority !== undefined) options.priority = request.priority;
    if (request.signal) options.signal = request.signal;
    return options;
  }

  #emitOpen(): void {
    const state = this.breaker?.toJSON();
    const { context, platform } = this.options;
    const cooldown = this.options.breaker === false ? 0 : (this.options.breaker?.cooldownMs ?? 30_000);
    context.events.emit('circuitOpen', {
      platform,
      tenantId: context.tenantId,
      key: `${platform}:${this.options.baseUrl}`,
      until: (state?.openedAt ?? context.clock.now()) + cooldown,
      failures: state?.failures ?? 0,
    });
  }
}

/**
 * Creates an {@link HttpClient}.
 *
 * @example
 * ```ts
 * const client = createHttpClient({ platform: 'bol', baseUrl: 'https://api.bol.com/retailer', context, classify: problemJsonClassifier });
 * ```
 *
 * @category Client
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new HttpClient(options);
}
