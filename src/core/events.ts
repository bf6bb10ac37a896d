import { EventEmitter } from 'eventemitter3';
import type { Disposer } from './types.js';

/**
 * Fields most events carry: the marketplace and the tenant.
 *
 * @category Events and logging
 */
export interface EventContext {
  /** The marketplace name. */
  platform: string;
  /** The tenant whose connection this is, when known. */
  tenantId?: string;
}

/**
 * The events marketbridge emits and their payloads. Payloads never carry secrets: URLs and
 * headers are redacted, tokens are never included.
 *
 * @category Events and logging
 */
export interface MarketbridgeEvents {
  /** A request is about to be sent. */
  request: EventContext & { operation: string; method: string; url: string; attempt: number; requestId: string };
  /** A response arrived (any status). */
  response: EventContext & {
    operation: string;
    method: string;
    url: string;
    attempt: number;
    requestId: string;
    status: number;
    durationMs: number;
  };
  /** A request will be retried after `delayMs`. */
  retry: EventContext & { operation: string; attempt: number; delayMs: number; reason: string; requestId: string };
  /** Work waited for quota (`source: 'limiter'`) or the platform throttled it (`source: 'server'`). */
  throttled: EventContext & { operation: string; waitMs: number; source: 'limiter' | 'server' };
  /** A circuit breaker opened; requests to `key` fail fast until `until` (epoch ms). */
  circuitOpen: EventContext & { key: string; until: number; failures: number };
  /** An access token was refreshed; persist rotated tokens if the host keeps its own copy. */
  tokenRefreshed: EventContext & { connectionId: string; expiresAt?: number; rotatedRefreshToken: boolean };
  /** A webhook was received and verified; `duplicate` is true for a redelivery already processed. */
  webhookReceived: EventContext & { topic: string; eventId?: string; duplicate: boolean };
  /** A batch write advanced. */
  batchProgress: EventContext & { operation: string; done: number; total: number; failed: number };
  /** A sync run advanced. */
  syncProgress: { runId: string; marketplace?: string; phase: string; done: number; total?: number };
  /** Two sides disagreed and a strategy resolved it (or parked it as a manual task). */
  conflict: { key: string; field: string; strategy: string; resolution: string; explanation: string };
  /** A safety constraint blocked an action. */
  actionBlocked: { actionType: string; rule: string; reason: string; marketplace?: string; tenantId?: string };
  /** A compensating action restored prior state after a failed or unsafe write. */
  rollback: { actionType: string; ok: boolean; reason: string; marketplace?: string };
  /**
   * A stream consumer finished a pass: messages pulled, acknowledged and rejected (not
   * authentic or not parseable), and the source's lag (messages not yet acknowledged) when known.
   */
  streamProgress: {
    source: string;
    platform?: string;
    received: number;
    acked: number;
    rejected: number;
    lag?: number;
  };
  /**
   * The platform said the API version in use is deprecated (Shopify's `X-Shopify-API-Deprecated-Reason`),
   * or served a newer version than the one requested (`servedVersion`, from `X-Shopify-API-Version`).
   */
  apiDeprecated: EventContext & { operation: string; version: string; reason: string; servedVersion?: string };
}

/**
 * The name of an event in {@link MarketbridgeEvents}.
 *
 * @category Events and logging
 */
export type MarketbridgeEventName = keyof MarketbridgeEvents;

/**
 * A typed event bus on eventemitter3. `on` and `once` return a {@link Disposer} that removes
 * the listener. A listener that throws does not break the emitter or the operation; the error
 * is reported to `onListenerError`.
 *
 * @example
 * ```ts
 * const events = new EventBus();
 * const stop = events.on('batchProgress', ({ done, total }) => console.log(`${done}/${total}`));
 * // later
 * stop();
 * ```
 *
 * @category Events and logging
 */
export class EventBus {
  readonly #emitter = new EventEmitter();
  readonly #onListenerError: (error: unknown, event: MarketbridgeEventName) => void;

  /**
   * @param options - `onListenerError` receives errors thrown by listeners (default: ignored)
   */
  constructor(options: { onListenerError?: (error: unknown, event: MarketbridgeEventName) => void } = {}) {
    this.#onListenerError = options.onListenerError ?? (() => {});
  }

  /** Adds a listener; returns a function that removes it. */
  on<E extends MarketbridgeEventName>(event: E, listener: (payload: MarketbridgeEvents[E]) => void): Disposer {
    const wrapped = this.#guard(event, listener);
    this.#emitter.on(event, wrapped);
    return () => {
      this.#emitter.off(event, wrapped);
    };
  }

  /** Adds a listener that runs at most once; returns a function that removes it. */
  once<E extends MarketbridgeEventName>(event: E, listener: (payload: MarketbridgeEvents[E]) => void): Disposer {
    const wrapped = this.#guard(event, listener);
    this.#emitter.once(event, wrapped);
    return () => {
      this.#emitter.off(event, wrapped);
    };
  }

  /** Emits an event; returns whether any listener received it. */
  emit<E extends MarketbridgeEventName>(event: E, payload: MarketbridgeEvents[E]): boolean {
    return this.#emitter.emit(event, payload);
  }

  /** How many listeners an event has. */
  listenerCount(event: MarketbridgeEventName): number {
    return this.#emitter.listenerCount(event);
  }

  /** Removes every listener of `event`, or of all events. */
  clear(event?: MarketbridgeEventName): void {
    this.#emitter.removeAllListeners(event);
  }

  #guard<E extends MarketbridgeEventName>(event: E, listener: (payload: MarketbridgeEvents[E]) => void) {
    return (payload: MarketbridgeEvents[E]) => {
      try {
        listener(payload);
      } catch (error) {
        this.#onListenerError(error, event);
      }
    };
  }
}
