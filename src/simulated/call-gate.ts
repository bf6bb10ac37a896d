import type { OperationName } from '../core/capabilities.js';
import type { ResolvedContext } from '../core/context.js';
import { MarketplaceApiError } from '../core/errors/marketplace-api-error.js';
import { RateLimitError } from '../core/errors/rate-limit-error.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import type { ResolvedSimulatedConfig, SimulatedFailureKind } from './config.js';
import type { SeededRandom } from './random.js';
import type { SimulatedStats } from './stats.js';

/** What a call may do after it passed the gate: nothing unusual, or fail after applying. */
export interface CallPlan {
  /** Apply only this many items, then fail (`partial_write`), or apply all then fail (`lost_response`). */
  failAfter?: { applied: number; kind: SimulatedFailureKind };
}

/**
 * The front door of every simulated API call: the token bucket, latency and injected failures.
 */
export class CallGate {
  readonly #config: ResolvedSimulatedConfig;
  readonly #context: ResolvedContext;
  readonly #latency: SeededRandom;
  readonly #faults: SeededRandom;
  #tokens: number;
  #refilledAt: number;
  readonly stats: SimulatedStats = { calls: {}, throttled: 0, injectedFailures: 0 };

  constructor(config: ResolvedSimulatedConfig, context: ResolvedContext, latency: SeededRandom, faults: SeededRandom) {
    this.#config = config;
    this.#context = context;
    this.#latency = latency;
    this.#faults = faults;
    this.#tokens = config.rateLimit ? config.rateLimit.burst : Number.POSITIVE_INFINITY;
    this.#refilledAt = context.clock.now();
  }

  /** Admits one call: waits for (or refuses) a token, applies latency, and decides failures. */
  async enter(operation: OperationName, signal: AbortSignal | undefined): Promise<CallPlan> {
    signal?.throwIfAborted();
    const call = (this.stats.calls[operation] ?? 0) + 1;
    this.stats.calls[operation] = call;
    await this.#takeToken(operation, signal);
    const { min, max } = this.#config.latencyMs;
    if (max > 0) await this.#context.clock.sleep(min + this.#latency.next() * (max - min), signal);
    signal?.throwIfAborted();

    const scheduled = this.#config.failures.schedule.find((f) => f.operation === operation && f.call === call);
    const kind: SimulatedFailureKind | undefined =
      scheduled?.kind ??
      (this.#config.failures.rate > 0 && this.#faults.chance(this.#config.failures.rate) ? 'server_error' : undefined);
    if (!kind) return {};
    this.stats.injectedFailures++;
    if (kind === 'lost_response') return { failAfter: { applied: Number.POSITIVE_INFINITY, kind } };
    if (kind === 'partial_write') return { failAfter: { applied: scheduled?.applied ?? 0, kind } };
    throw this.failure(kind, operation);
  }

  /** The error an injected failure of `kind` raises. */
  failure(kind: SimulatedFailureKind, operation: OperationName): Error {
    const platform = this.#config.name;
    switch (kind) {
      case 'rate_limited':
        return new RateLimitError(`${platform} throttled ${operation} (injected).`, {
          platform,
          operation,
          retryAfterMs: 1000,
        });
      case 'timeout':
      case 'lost_response':
        return new TimeoutError(`${platform} did not answer ${operation} in time (injected); the outcome is unknown.`, {
          platform,
          operation,
        });
      default:
        return new MarketplaceApiError(`${platform} failed ${operation} with a server error (injected).`, {
          platform,
          operation,
          status: kind === 'partial_write' ? 500 : 503,
          body: { error: 'internal_error' },
        });
    }
  }

  async #takeToken(operation: OperationName, signal: AbortSignal | undefined): Promise<void> {
    const limit = this.#config.rateLimit;
    if (!limit) return;
    for (;;) {
      const now = this.#context.clock.now();
      this.#tokens = Math.min(limit.burst, this.#tokens + ((now - this.#refilledAt) / 1000) * limit.ratePerSecond);
      this.#refilledAt = now;
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      const waitMs = Math.ceil(((1 - this.#tokens) / limit.ratePerSecond) * 1000);
      this.stats.throttled++;
      const platform = this.#config.name;
      if (this.#config.onRateLimit === 'reject') {
        this.#context.events.emit('throttled', {
          platform,
          tenantId: this.#context.tenantId,
          operation,
          waitMs,
          source: 'server',
        });
        throw new RateLimitError(`${platform} rate limit exceeded for ${operation}.`, {
          platform,
          operation,
          retryAfterMs: waitMs,
        });
      }
      this.#context.events.emit('throttled', {
        platform,
        tenantId: this.#context.tenantId,
        operation,
        waitMs,
        source: 'limiter',
      });
      await this.#context.clock.sleep(waitMs, signal);
    }
  }
}
