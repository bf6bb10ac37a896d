import type { Redis, RedisOptions } from 'ioredis';
import { Redis as RedisClient } from './peer.js';
import { ValidationError } from '../../core/errors/validation-error.js';
import type { AtomicBucketStore, BucketTake, BucketTakeResult } from '../bucket.js';
import { canonicalJson, type SetOptions, type Store } from '../store.js';
import { bucketTtlMs, checkTake, jsonOf, ttlOf } from '../shared/store-inputs.js';
import { storeFailure } from '../shared/store-failure.js';
import { COMPARE_AND_SET, INCREMENT, TAKE_FROM_BUCKET } from './scripts.js';

/**
 * Options of {@link RedisStore}: a client you own, or a URL for a client the store owns.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { url: 'redis://127.0.0.1:6379', namespace: 'mb:prod:' };
 * ```
 *
 * @category Stores
 */
export interface RedisStoreOptions {
  /**
   * An ioredis client to use; you keep ownership ({@link RedisStore.close} leaves it open).
   * Leave its `keyPrefix` unset and use `namespace` instead: `SCAN` patterns are not prefixed.
   */
  client?: Redis;
  /** A `redis://` or `rediss://` URL; the store creates its client and closes it in `close()`. */
  url?: string;
  /** ioredis options for the client created from `url`. */
  redisOptions?: RedisOptions;
  /** Prefix of every Redis key this store writes (default `marketbridge:`); `list` strips it. */
  namespace?: string;
}

/**
 * A {@link Store} and {@link AtomicBucketStore} on Redis, shared by every process that uses
 * the same server and namespace. Values are kept as canonical JSON strings; TTLs are Redis
 * expiries; compare-and-set, increment and bucket takes are Lua scripts, so each is atomic on
 * the server. A bucket take reads the server's clock (`TIME`), so processes whose clocks
 * disagree still share one budget.
 *
 * `list` walks the keyspace with `SCAN` (O(keys in the database)): it is meant for small sets
 * such as a dead-letter queue, not for hot paths. Use a dedicated database or namespace.
 *
 * @example
 * ```ts
 * import { RedisStore, RedisLock } from 'marketbridge/stores/redis';
 *
 * const store = new RedisStore({ url: process.env.REDIS_URL, namespace: 'mb:' });
 * const context = createContext({ store, lock: new RedisLock(store) });
 * // ...
 * await store.close();
 * ```
 *
 * @category Stores
 */
export class RedisStore implements Store, AtomicBucketStore {
  /** The ioredis client in use. */
  readonly client: Redis;
  /** The prefix of every key this store writes. */
  readonly namespace: string;
  readonly #owned: boolean;
  readonly #shas = new Map<string, Promise<string>>();

  /** @param options - the client or URL, and the key namespace */
  constructor(options: RedisStoreOptions) {
    const issues = [];
    if (!options || (options.client === undefined) === (options.url === undefined)) {
      issues.push({
        path: ['client'],
        message: 'Pass exactly one of `client` (an ioredis client) or `url` (redis://host:port).',
      });
    }
    if (options?.namespace !== undefined && typeof options.namespace !== 'string') {
      issues.push({ path: ['namespace'], message: 'Expected a string such as "marketbridge:".' });
    }
    if (issues.length) throw new ValidationError('Redis store options', issues);
    this.#owned = options.client === undefined;
    this.client = options.client ?? new RedisClient(options.url as string, options.redisOptions ?? {});
    this.namespace = options.namespace ?? 'marketbridge:';
  }

  /** Runs a script by its SHA, loading it first (again after a server restart or flush). */
  async #script(source: string, key: string, args: (string | number)[]): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      let sha = this.#shas.get(source);
      if (!sha) {
        sha = this.client.script('LOAD', source) as Promise<string>;
        this.#shas.set(source, sha);
      }
      try {
        return await this.client.evalsha(await sha, 1, this.namespace + key, ...args);
      } catch (error) {
        this.#shas.delete(source);
        if (attempt > 0 || !String((error as Error)?.message).includes('NOSCRIPT')) throw error;
      }
    }
  }

  async #call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      throw storeFailure('Redis', operation, error);
    }
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const text = await this.#call('get', () => this.client.get(this.namespace + key));
    return text === null ? undefined : (JSON.parse(text) as T);
  }

  async set(key: string, value: unknown, options?: SetOptions): Promise<void> {
    const ttl = ttlOf(options);
    const json = jsonOf(key, canonicalJson(value));
    await this.#call('set', () =>
      ttl === undefined
        ? this.client.set(this.namespace + key, json)
        : this.client.set(this.namespace + key, json, 'PX', ttl),
    );
  }

  async delete(key: string): Promise<boolean> {
    return (await this.#call('delete', () => this.client.del(this.namespace + key))) > 0;
  }

  async compareAndSet(key: string, expected: unknown, next: unknown, options?: SetOptions): Promise<boolean> {
    const ttl = ttlOf(options);
    const expectedJson = expected === undefined ? '' : jsonOf(key, canonicalJson(expected));
    const nextJson = next === undefined ? '' : jsonOf(key, canonicalJson(next));
    const args = [
      expected === undefined ? '1' : '0',
      expectedJson,
      next === undefined ? '0' : '1',
      nextJson,
      ttl ?? '',
    ];
    return (await this.#call('compareAndSet', () => this.#script(COMPARE_AND_SET, key, args))) === 1;
  }

  async increment(key: string, by = 1, options?: SetOptions): Promise<number> {
    const ttl = ttlOf(options);
    if (!Number.isSafeInteger(by)) {
      throw new ValidationError('store increment', [{ path: ['by'], message: `Expected a safe integer, got ${by}.` }]);
    }
    const value = await this.#call('increment', () => this.#script(INCREMENT, key, [by, ttl ?? '']));
    if (value === null)
      throw new ValidationError('store increment', [{ path: [key], message: 'The stored value is not an integer.' }]);
    return Number(value);
  }

  async list(prefix: string, options: { limit?: number } = {}): Promise<string[]> {
    const pattern = `${(this.namespace + prefix).replace(/[*?[\]\\]/g, '\\$&')}*`;
    const keys = new Set<string>();
    await this.#call('list', async () => {
      let cursor = '0';
      do {
        const [next, batch] = await this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        for (const key of batch) keys.add(key.slice(this.namespace.length));
        cursor = next;
      } while (cursor !== '0');
    });
    const sorted = [...keys].sort();
    return options.limit === undefined ? sorted : sorted.slice(0, options.limit);
  }

  /**
   * Takes from a token bucket in one Lua script, timed by the Redis server's clock; the
   * arithmetic is `computeTake`'s. `takeFromBucket(store, take, clock)` calls this.
   *
   * @example
   * ```ts
   * const result = await store.takeFromBucket({ key: 'rl:amazon:getOrders', capacity: 20, refillPerSecond: 0.0167, cost: 1 });
   * ```
   */
  async takeFromBucket(take: BucketTake): Promise<BucketTakeResult> {
    checkTake(take);
    const args = [take.capacity, take.refillPerSecond, take.cost, bucketTtlMs(take)].map(String);
    const reply = (await this.#call('takeFromBucket', () => this.#script(TAKE_FROM_BUCKET, take.key, args))) as [
      number,
      string,
      string,
    ];
    return {
      granted: reply[0] === 1,
      tokens: Number(reply[1]),
      retryAfterMs: reply[2] === 'inf' ? Number.POSITIVE_INFINITY : Number(reply[2]),
    };
  }

  /**
   * Closes the client if the store created it from `url`; a client you passed stays open.
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.#owned) await this.client.quit().catch(() => this.client.disconnect());
  }
}
