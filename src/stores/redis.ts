/**
 * Shared state for many processes on Redis: a `Store` with atomic compare-and-set, increment
 * and token-bucket takes (Lua scripts), and a `Lock` that only its owner can release. Needs the
 * optional peer dependency `ioredis`.
 *
 * @example
 * ```ts
 * import { RedisLock, RedisStore } from 'marketbridge/stores/redis';
 *
 * const store = new RedisStore({ url: 'redis://127.0.0.1:6379' });
 * const lock = new RedisLock(store);
 * ```
 *
 * @module marketbridge/stores/redis
 */
export { RedisStore, type RedisStoreOptions } from './redis/redis-store.js';
export { RedisLock, type RedisLockOptions } from './redis/redis-lock.js';
