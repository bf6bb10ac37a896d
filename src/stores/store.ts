import type { MaybePromise } from '../core/types.js';

/**
 * Options of {@link Store.set}, {@link Store.compareAndSet} and {@link Store.increment}.
 *
 * @example
 * ```ts
 * await store.set('oauth:state:abc', { shop: 'x' }, { ttlMs: 10 * 60_000 });
 * ```
 *
 * @category Stores
 */
export interface SetOptions {
  /** Time to live in milliseconds; the key disappears after it. Omitted: no expiry. */
  ttlMs?: number;
}

/**
 * The persistence marketbridge asks the host for: rate-limit budgets, OAuth state, tokens,
 * webhook deduplication, checkpoints, the dead-letter queue. Values are JSON; implementations
 * compare values by their canonical JSON (object keys sorted), so `{a:1,b:2}` equals `{b:2,a:1}`.
 *
 * Every implementation must pass the conformance suite `storeConformanceCases` from
 * `marketbridge/testing`.
 *
 * @example
 * ```ts
 * const store: Store = new MemoryStore();
 * await store.set('k', { n: 1 }, { ttlMs: 60_000 });
 * const swapped = await store.compareAndSet('k', { n: 1 }, { n: 2 });
 * ```
 *
 * @category Stores
 */
export interface Store {
  /** The value at `key`, or `undefined` if absent or expired. */
  get<T = unknown>(key: string): MaybePromise<T | undefined>;
  /** Writes `value` at `key`, replacing what was there (and its TTL). */
  set(key: string, value: unknown, options?: SetOptions): MaybePromise<void>;
  /** Removes `key`; resolves whether it existed. */
  delete(key: string): MaybePromise<boolean>;
  /**
   * Atomically replaces the value at `key` with `next` only if the current value equals
   * `expected`. `expected: undefined` means "only if absent" (create); `next: undefined` means
   * "delete if equal". Resolves whether the swap happened.
   */
  compareAndSet(key: string, expected: unknown, next: unknown, options?: SetOptions): MaybePromise<boolean>;
  /**
   * Atomically adds `by` (an integer, default 1) to the integer at `key` (absent counts as 0)
   * and resolves the new value. `ttlMs` applies only when this call creates the key.
   */
  increment(key: string, by?: number, options?: SetOptions): MaybePromise<number>;
  /** Keys that start with `prefix`, sorted, without expired ones; at most `limit` if given. */
  list(prefix: string, options?: { limit?: number }): MaybePromise<string[]>;
}

/**
 * Serialises a JSON value with object keys sorted, so that equal values have equal text.
 * Stores use it to store and compare values.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 *
 * @category Stores
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const keys = Object.keys(inner);
      if (inOrder(keys)) return inner;
      // Array#sort allocates a work buffer per call; for the small objects stores see, an
      // in-place insertion sort keeps large writes (100,000s of records) from churning the heap.
      if (keys.length > 32) keys.sort();
      else insertionSort(keys);
      const sorted: Record<string, unknown> = {};
      for (const key of keys) {
        const field = (inner as Record<string, unknown>)[key];
        // A `__proto__` key (an own property after JSON.parse) is defined, not assigned, so it
        // stays data instead of replacing the copy's prototype.
        if (key === '__proto__')
          Object.defineProperty(sorted, key, { value: field, enumerable: true, writable: true, configurable: true });
        else sorted[key] = field;
      }
      return sorted;
    }
    return inner;
  });
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

function insertionSort(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
}
