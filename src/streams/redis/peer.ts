import type * as IORedis from 'ioredis';
import { loadPeer } from '../../peers/load-peer.js';

/**
 * The `ioredis` module. Loaded when `marketbridge/streams/redis` is imported, so that a missing
 * install fails at once, naming the command that fixes it.
 *
 * @example
 * ```ts
 * const client = new ioredis.Redis(url);
 * ```
 */
export const ioredis: typeof IORedis = loadPeer<typeof IORedis>('ioredis', 'marketbridge/streams/redis', '>=5');
