import type PgBossType from 'pg-boss';
import { loadPeer } from '../../peers/load-peer.js';

/**
 * The `pg-boss` class. Loaded when `marketbridge/schedulers/pg-boss` is imported, so that a
 * missing install fails at once, naming the command that fixes it.
 *
 * @example
 * ```ts
 * const boss = new PgBoss({ connectionString });
 * ```
 */
export const PgBoss: typeof PgBossType = loadPeer<typeof PgBossType>(
  'pg-boss',
  'marketbridge/schedulers/pg-boss',
  '^10.1.0',
);
