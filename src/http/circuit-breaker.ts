import type { Clock } from '../core/clock.js';
import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';

/**
 * Options of {@link CircuitBreaker}.
 *
 * @example
 * ```ts
 * const breaker: CircuitBreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 };
 * ```
 */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe is let through (default 30,000 ms). */
  cooldownMs?: number;
  /** State to start from, from {@link CircuitBreaker.toJSON}. */
  initialState?: CircuitBreakerState;
}

/**
 * The serialisable state of a {@link CircuitBreaker}.
 *
 * @example
 * ```ts
 * const state: CircuitBreakerState = { state: 'open', failures: 5, openedAt: 1_700_000_000_000 };
 * ```
 */
export interface CircuitBreakerState {
  state: 'closed' | 'open' | 'half-open';
  failures: number;
  openedAt?: number;
}

/**
 * The answer of {@link CircuitBreaker.acquire}: a permit to send (call `success` or `failure`
 * with the outcome), or a refusal with the time the circuit may half-open.
 *
 * @example
 * ```ts
 * const permit: BreakerPermit = breaker.acquire();
 * if (!permit.allowed) throw new Error(`open until ${permit.until}`);
 * ```
 */
export type BreakerPermit =
  | {
      allowed: true;
      /** Whether this is the half-open probe. */
      probe: boolean;
      /** Reports that the platform answered (closes a half-open circuit). */
      success(): void;
      /** Reports a failure; returns whether it opened the circuit. */
      failure(): boolean;
    }
  | { allowed: false; until: number };

/**
 * A circuit breaker: closed → open after `failureThreshold` consecutive failures; open → after
 * `cooldownMs`, exactly one caller gets a probe permit (half-open) while every other caller is
 * refused; the probe's success closes it, its failure opens it again.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker(clock, { failureThreshold: 3, cooldownMs: 10_000 });
 * const permit = breaker.acquire();
 * if (permit.allowed) {
 *   try { await send(); permit.success(); } catch (e) { permit.failure(); throw e; }
 * }
 * ```
 */
export class CircuitBreaker {
  readonly #clock: Clock;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  #state: CircuitBreakerState;

  /**
   * @param clock - time source
   * @param options - thresholds and initial state
   */
  constructor(clock: Clock, options: CircuitBreakerOptions = {}) {
    this.#clock = clock;
    this.#threshold = options.failureThreshold ?? 5;
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    const issues: ValidationIssue[] = [];
    if (!Number.isInteger(this.#threshold) || this.#threshold < 1) issues.push({ path: ['breaker', 'failureThreshold'], message: 'Expected an integer >= 1.' });
    if (!Number.isFinite(this.#cooldownMs) || this.#cooldownMs < 0) issues.push({ path: ['breaker', 'cooldownMs'], message: 'Expected a finite number >= 0.' });
    if (issues.length) throw new ValidationError('circuit breaker options', issues);
    const initial = options.initialState;
    // A probe in flight cannot survive a restart: restore it as open, so one new probe goes.
    this.#state = initial ? { ...initial, state: initial.state === 'half-open' ? 'open' : initial.state } : { state: 'closed', failures: 0 };
  }

  /** The current state (`open` turns into `half-open` only when a probe is handed out). */
  get state(): CircuitBreakerState['state'] {
    return this.#state.state;
  }

  /** Asks to send one request. */
  acquire(): BreakerPermit {
    const s = this.#state;
    if (s.state === 'closed') return this.#permit(false);
    const until = (s.openedAt ?? 0) + this.#cooldownMs;
    if (s.state === 'open' && this.#clock.now() >= until) {
      this.#state = { ...s, state: 'half-open' };
      return this.#permit(true);
    }
    return { allowed: false, until: s.state === 'half-open' ? this.#clock.now() + this.#cooldownMs : until };
  }

  /** The serialisable state, for {@link CircuitBreakerOptions.initialState}. */
  toJSON(): CircuitBreakerState {
    return { ...this.#state };
  }

  #permit(probe: boolean): BreakerPermit {
    let settled = false;
    return {
      allowed: true,
      probe,
      success: () => {
        if (settled) return;
        settled = true;
        this.#state = { state: 'closed', failures: 0 };
      },
      failure: () => {
        if (settled) return false;
        settled = true;
        const failures = this.#state.failures + 1;
        if (probe || (this.#state.state === 'closed' && failures >= this.#threshold)) {
          this.#state = { state: 'open', failures, openedAt: this.#clock.now() };
          return true;
        }
        this.#state = { ...this.#state, failures };
        return false;
      },
    };
  }
}
