import type { Store } from '../../../stores/store.js';
import type { SettledProcessStatus } from './outcome.js';

/**
 * Final process statuses kept in the store, so that a write resumed after a crash reports its
 * outcome even after bol.com has forgotten the status.
 *
 * @example
 * ```ts
 * const cache = new SettledStatusCache(context.store, 'mb:bol:seller-1', 7 * 86_400_000);
 * await cache.put(settled);
 * ```
 */
export class SettledStatusCache {
  readonly #store: Store;
  readonly #prefix: string;
  readonly #ttlMs: number;

  /**
   * @param store - where statuses are kept
   * @param prefix - key prefix (tenant and client)
   * @param ttlMs - how long they are kept
   */
  constructor(store: Store, prefix: string, ttlMs: number) {
    this.#store = store;
    this.#prefix = prefix;
    this.#ttlMs = ttlMs;
  }

  /** The final status of `id`, if kept. */
  async get(id: string): Promise<SettledProcessStatus | undefined> {
    return (await this.#store.get<SettledProcessStatus>(`${this.#prefix}:ps:${id}`)) ?? undefined;
  }

  /** Keeps a final status. */
  async put(settled: SettledProcessStatus): Promise<void> {
    await this.#store.set(`${this.#prefix}:ps:${settled.id}`, settled, { ttlMs: this.#ttlMs });
  }
}
