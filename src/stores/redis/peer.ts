import type * as IoRedis from 'ioredis';
import { loadPeer } from '../../peers/load-peer.js';

// ioredis is an optional peer: loading it here turns its absence into an error that names the
// install instead of a bare "Cannot find package".
const ioredis = loadPeer<typeof IoRedis>('ioredis', 'marketbridge/stores/redis', '>=5');

/** ioredis's client class, from the installed peer. */
export const Redis: typeof IoRedis.Redis = ioredis.Redis;
