import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { ValidationError } from '../core/errors/validation-error.js';
import { canonicalJson, type SetOptions, type Store } from './store.js';

interface Entry {
  /**
   * The value as `JSON.stringify` wrote it; for a string, the string itself (strings are
   * immutable, so nothing is shared that a caller could change, and a long text, such as a
   * webhook body, is kept without being serialised).
   */
  json: string;
  /** Whether `json` is the value itself (a string), not its JSON. */
  text?: true;
  /** Its canonical form (object keys sorted), computed the first time a compare needs it. */
  canonical?: string;
  expiresAt?: number;
}

/**
 * Options of {@link MemoryStore}.
 *
 * @example
 * ```ts
 * const store = new MemoryStore({ clock: fakeClock });
 * ```
 *
 * @category Stores
 */
export interface MemoryStoreOptions {
  /** The clock TTLs are measured with (default: the system clock). */
  clock?: Clock;
}

function checkTtl(options: SetOptions | undefined): number | undefined {
  const ttl = options?.ttlMs;
  if (ttl === undefined) return undefined;
  if (!Number.isFinite(ttl) || ttl <= 0) {
    throw new ValidationError('store TTL', [
      { path: ['ttlMs'], message: `Expected a positive number of milliseconds, got ${ttl}.` },
    ]);
  }
  return ttl;
}

/**
 * Whether the stored value equals `expected` as the {@link Store} contract defines it (same
 * canonical JSON). Equal texts need no sorting: a value read back from the store and handed to
 * `compareAndSet` serialises to the very text it was read from.
 */
function sameValue(entry: Entry, expected: unknown): boolean {
  if (entry.text || typeof expected === 'string') return entry.text === true && entry.json === expected;
  const json = JSON.stringify(expected) as string | undefined;
  if (json === undefined) return false;
  if (json === entry.json) return true;
  entry.canonical ??= canonicalJson(JSON.parse(entry.json));
  return entry.canonical === canonicalJson(expected);
}

/**
 * An in-process {@link Store}: the default. Values are kept as JSON text, so callers never
 * share mutable objects with the store, and expire by the injected clock. Writes serialise
 * with `JSON.stringify`; the canonical form (keys sorted) is computed only when
 * `compareAndSet` has to compare values whose texts differ. Fine for one process;
 * use the Redis or PostgreSQL store when several processes must share state.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * await store.increment('requests', 1, { ttlMs: 1000 });
 * ```
 *
 * @category Stores
 */
export class MemoryStore implements Store {
  /**
   * Entries by key. The common value, JSON of a non-string without a TTL (a sync's 100,000
   * bases), is kept as its text alone, without an {@link Entry} around it; it becomes an entry
   * when a compare needs its canonical form.
   */
  readonly #entries = new Map<string, Entry | string>();
  readonly #clock: Clock;

  /** @param options - the clock to measure TTLs with */
  constructor(options: MemoryStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  #live(key: string): Entry | string | undefined {
    const entry = this.#entries.get(key);
    if (typeof entry === 'object' && entry.expiresAt !== undefined && entry.expiresAt <= this.#clock.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #write(key: string, value: unknown, ttl: number | undefined): void {
    if (typeof value === 'string') {
      this.#entries.set(
        key,
        ttl === undefined
          ? { json: value, text: true }
          : { json: value, text: true, expiresAt: this.#clock.now() + ttl },
      );
      return;
    }
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) {
      throw new ValidationError('store value', [
        { path: [key], message: 'Values must be JSON-serialisable (not undefined or a function).' },
      ]);
    }
    this.#entries.set(key, ttl === undefined ? json : { json, expiresAt: this.#clock.now() + ttl });
  }

  get<T = unknown>(key: string): T | undefined {
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    if (typeof entry === 'string') return JSON.parse(entry) as T;
    return (entry.text ? entry.json : JSON.parse(entry.json)) as T;
  }

  set(key: string, value: unknown, options?: SetOptions): void {
    this.#write(key, value, checkTtl(options));
  }

  delete(key: string): boolean {
    const existed = this.#live(key) !== undefined;
    this.#entries.delete(key);
    return existed;
  }

  compareAndSet(key: string, expected: unknown, next: unknown, options?: SetOptions): boolean {
    const ttl = checkTtl(options);
    const found = this.#live(key);
    if (expected === undefined) {
      if (found !== undefined) return false;
    } else {
      if (found === undefined) return false;
      let entry = found;
      if (typeof entry === 'string') {
        // Kept as an entry from now on, so its canonical form is computed once.
        entry = { json: entry };
        this.#entries.set(key, entry);
      }
      if (!sameValue(entry, expected)) return false;
    }
    if (next === undefined) this.#entries.delete(key);
    else this.#write(key, next, ttl);
    return true;
  }

  increment(key: string, by = 1, options?: SetOptions): number {
    const ttl = checkTtl(options);
    if (!Number.isSafeInteger(by)) {
      throw new ValidationError('store increment', [{ path: ['by'], message: `Expected a safe integer, got ${by}.` }]);
    }
    const found = this.#live(key);
    const entry = typeof found === 'string' ? { json: found } : found;
    const current = entry ? (entry.text ? entry.json : (JSON.parse(entry.json) as unknown)) : 0;
    if (typeof current !== 'number' || !Number.isSafeInteger(current)) {
      throw new ValidationError('store increment', [{ path: [key], message: 'The stored value is not an integer.' }]);
    }
    const value = current + by;
    if (typeof found === 'string') this.#entries.set(key, String(value));
    else if (entry) {
      entry.json = String(value);
      delete entry.canonical;
    } else this.#write(key, value, ttl);
    return value;
  }

  list(prefix: string, options: { limit?: number } = {}): string[] {
    const keys: string[] = [];
    for (const key of this.#entries.keys()) {
      if (key.startsWith(prefix) && this.#live(key)) keys.push(key);
    }
    keys.sort();
    return options.limit === undefined ? keys : keys.slice(0, options.limit);
  }
}
