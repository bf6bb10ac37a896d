import type * as IoRedis from 'ioredis';
import { loadOptionalPeer } from '../../core/optional-peer.js';

// ioredis is an optional peer: loading it here turns its absence into an error that names the
// install instead of a bare "Cannot find package".
const ioredis = loadOptionalPeer<typeof IoRedis>('ioredis', 'marketbridge/stores/redis', import.meta.url, 'npm install ioredis');

/** ioredis's client class, from the installed peer. */
export const Redis: typeof IoRedis.Redis = ioredis.Redis;
