import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { EventBus } from './events.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import { MemoryScheduler, type Scheduler } from './scheduler.js';
import type { Lock } from '../stores/lock.js';
import { MemoryStore } from '../stores/memory-store.js';
import { StoreLock } from '../stores/store-lock.js';
import type { Store } from '../stores/store.js';

/**
 * The dependencies a marketplace instance works with. Every field is optional; see
 * {@link createContext} for the defaults. Nothing is global: two instances with two contexts
 * share nothing.
 *
 * @category Context
 */
export interface Context {
  /** The fetch implementation (default: `globalThis.fetch`). */
  fetch?: typeof globalThis.fetch;
  /** Persistence (default: a new {@link MemoryStore}). */
  store?: Store;
  /** Mutual exclusion (default: a {@link StoreLock} on `store`). */
  lock?: Lock;
  /** Time (default: {@link systemClock}). */
  clock?: Clock;
  /** Logging (default: {@link silentLogger}). */
  logger?: Logger;
  /** Events (default: a new {@link EventBus}). */
  events?: EventBus;
  /** Deferred work (default: a new {@link MemoryScheduler}). */
  scheduler?: Scheduler;
  /** The tenant (seller, shop) this instance acts for (default: `default`). */
  tenantId?: string;
}

/**
 * A {@link Context} with every default filled in.
 *
 * @example
 * ```ts
 * const context: ResolvedContext = createContext();
 * context.events.on('throttled', console.log);
 * ```
 *
 * @category Context
 */
export type ResolvedContext = Required<Context>;

/**
 * Fills in the defaults of a {@link Context}: global fetch, a memory store, a lock on that
 * store, the system clock, a silent logger, a new event bus, a memory scheduler and the
 * `default` tenant. The memory store and lock use the given clock.
 *
 * @example
 * ```ts
 * const context = createContext({ tenantId: 'seller-1' });
 * const marketplace = await factory.create('simulated', { seed: 1 }, context);
 * ```
 *
 * @category Context
 */
export function createContext(context: Context = {}): ResolvedContext {
  const clock = context.clock ?? systemClock;
  const store = context.store ?? new MemoryStore({ clock });
  return {
    fetch: context.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    store,
    lock: context.lock ?? new StoreLock(store, { clock }),
    clock,
    logger: context.logger ?? silentLogger,
    events: context.events ?? new EventBus(),
    scheduler: context.scheduler ?? new MemoryScheduler(),
    tenantId: context.tenantId ?? 'default',
  };
}
