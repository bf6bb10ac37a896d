import type { Clock } from '../core/clock.js';
import { ValidationError, type ValidationIssue } from '../core/errors/validation-error.js';

/**
 * Options of {@link CircuitBreaker}.
 *
 * @example
 * ```ts
 * const breaker: CircuitBreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 };
 * ```
 *
 * @category Circuit breaker
 */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe is let through (default 30,000 ms). */
  cooldownMs?: number;
  /**
   * How long the half-open probe may stay unsettled before it is written off and the next caller
   * probes instead (default {@link DEFAULT_PROBE_TIMEOUT_MS}). The HTTP client also aborts a
   * probe request that takes longer, so a hanging probe cannot keep the circuit half-open.
   */
  probeTimeoutMs?: number;
  /** State to start from, from {@link CircuitBreaker.toJSON}. */
  initialState?: CircuitBreakerState;
}

/**
 * The serialisable state of a {@link CircuitBreaker}.
 *
 * @category Circuit breaker
 */
export interface CircuitBreakerState {
  state: 'closed' | 'open' | 'half-open';
  failures: number;
  openedAt?: number;
  /** When the current probe was handed out (half-open only). */
  probeAt?: number;
}

/**
 * The default {@link CircuitBreakerOptions.probeTimeoutMs}: 30 s, the request pipeline's default
 * attempt timeout.
 *
 * @example
 * ```ts
 * new CircuitBreaker(clock, { probeTimeoutMs: DEFAULT_PROBE_TIMEOUT_MS / 2 });
 * ```
 *
 * @category Circuit breaker
 */
export const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

/**
 * The answer of {@link CircuitBreaker.acquire}: a permit to send (call `success` or `failure`
 * with the outcome), or a refusal with the time the circuit may half-open.
 *
 * @example
 * ```ts
 * const permit: BreakerPermit = breaker.acquire();
 * if (!permit.allowed) throw new Error(`open until ${permit.until}`);
 * ```
 *
 * @category Circuit breaker
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
      /**
       * Ends the permit without an outcome, when the attempt failed for a reason that says
       * nothing about the platform's health (a classifier that threw). A probe hands its slot
       * back, so the next caller probes. A no-op once `success` or `failure` was called.
       */
      release(): void;
    }
  | { allowed: false; until: number };

/**
 * A circuit breaker: closed → open after `failureThreshold` consecutive failures; open → after
 * `cooldownMs`, exactly one caller gets a probe permit (half-open) while every other caller is
 * refused; the probe's success closes it, its failure opens it again. A probe that is released
 * without an outcome, or not settled within `probeTimeoutMs`, is written off and the next caller
 * probes, so the circuit can never stay half-open for ever; a written-off probe's late outcome
 * is ignored.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker(clock, { failureThreshold: 3, cooldownMs: 10_000 });
 * const permit = breaker.acquire();
 * if (permit.allowed) {
 *   try { await send(); permit.success(); } catch (e) { permit.failure(); throw e; }
 * }
 * ```
 *
 * @category Circuit breaker
 */
export class CircuitBreaker {
  readonly #clock: Clock;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #probeTimeoutMs: number;
  #state: CircuitBreakerState;
  /** Grows with every probe handed out; a permit of an older probe no longer counts. */
  #probe = 0;

  /**
   * @param clock - time source
   * @param options - thresholds and initial state
   */
  constructor(clock: Clock, options: CircuitBreakerOptions = {}) {
    this.#clock = clock;
    this.#threshold = options.failureThreshold ?? 5;
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    const issues: ValidationIssue[] = [];
    if (!Number.isFinite(this.#probeTimeoutMs) || this.#probeTimeoutMs <= 0)
      issues.push({ path: ['breaker', 'probeTimeoutMs'], message: 'Expected a finite number > 0.' });
    if (!Number.isInteger(this.#threshold) || this.#threshold < 1)
      issues.push({ path: ['breaker', 'failureThreshold'], message: 'Expected an integer >= 1.' });
    if (!Number.isFinite(this.#cooldownMs) || this.#cooldownMs < 0)
      issues.push({ path: ['breaker', 'cooldownMs'], message: 'Expected a finite number >= 0.' });
    if (issues.length) throw new ValidationError('circuit breaker options', issues);
    const initial = options.initialState;
    // A probe in flight cannot survive a restart: restore it as open, so one new probe goes.
    if (initial) {
      const { probeAt: _lost, ...rest } = initial;
      this.#state = { ...rest, state: initial.state === 'half-open' ? 'open' : initial.state };
    } else this.#state = { state: 'closed', failures: 0 };
  }

  /** How long a probe may stay unsettled before it is written off. */
  get probeTimeoutMs(): number {
    return this.#probeTimeoutMs;
  }

  /** The current state (`open` turns into `half-open` only when a probe is handed out). */
  get state(): CircuitBreakerState['state'] {
    return this.#state.state;
  }

  /** Asks to send one request. */
  acquire(): BreakerPermit {
    const s = this.#state;
    if (s.state === 'closed') return this.#permit(false);
    const now = this.#clock.now();
    const until =
      s.state === 'half-open' ? (s.probeAt ?? now) + this.#probeTimeoutMs : (s.openedAt ?? 0) + this.#cooldownMs;
    if (now < until) return { allowed: false, until };
    // Cooled down, or the probe in flight is written off: this caller probes.
    this.#state = { ...s, state: 'half-open', probeAt: now };
    return this.#permit(true);
  }

  /** The serialisable state, for {@link CircuitBreakerOptions.initialState}. */
  toJSON(): CircuitBreakerState {
    return { ...this.#state };
  }

  #permit(probe: boolean): BreakerPermit {
    let settled = false;
    const id = probe ? ++this.#probe : this.#probe;
    // A probe that was written off (a newer one was handed out) no longer decides anything.
    const current = () => !probe || (id === this.#probe && this.#state.state === 'half-open');
    const settle = () => {
      if (settled) return false;
      settled = true;
      return current();
    };
    return {
      allowed: true,
      probe,
      success: () => {
        if (!settle()) return;
        this.#state = { state: 'closed', failures: 0 };
      },
      release: () => {
        if (!settle() || !probe) return;
        // Back to open with its cool-down already over: the next caller probes.
        const { probeAt: _released, ...rest } = this.#state;
        this.#state = { ...rest, state: 'open' };
      },
      failure: () => {
        if (!settle()) return false;
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
