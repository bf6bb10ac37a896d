import type * as BullMQ from 'bullmq';
import { loadPeer } from '../../peers/load-peer.js';

/**
 * The `bullmq` module. Loaded when `marketbridge/schedulers/bullmq` is imported, so that a
 * missing install fails at once, naming the command that fixes it.
 *
 * @example
 * ```ts
 * const queue = new bullmq.Queue('marketbridge', { connection });
 * ```
 */
export const bullmq: typeof BullMQ = loadPeer<typeof BullMQ>('bullmq', 'marketbridge/schedulers/bullmq', '^5.16.0');
