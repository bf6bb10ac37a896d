/**
 * Webhooks from a Redis stream: a `StreamSource` on consumer groups (`XREADGROUP`, `XACK`,
 * pending-entry reclaim with `XAUTOCLAIM` after a crash), the consumer that feeds it into the
 * webhook processor (deduplication, retries, dead letters, replay), and a helper that
 * appends webhooks to the stream. Needs the optional peer dependency `ioredis` and Redis 7.
 *
 * @example
 * ```ts
 * import { createStreamConsumer, RedisStreamSource } from 'marketbridge/streams/redis';
 *
 * const source = new RedisStreamSource({ url: process.env.REDIS_URL, stream: 'webhooks', group: 'marketbridge', consumer: `worker-${process.pid}` });
 * const consumer = createStreamConsumer({ source, processor });
 * consumer.start();
 * ```
 *
 * @module marketbridge/streams/redis
 */
export { RedisStreamSource, appendToRedisStream, type RedisStreamSourceOptions } from './redis/redis-stream-source.js';
export * from './shared-exports.js';
