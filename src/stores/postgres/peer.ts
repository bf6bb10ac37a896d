import type * as Pg from 'pg';
import { loadPeer } from '../../peers/load-peer.js';

// pg is an optional peer: loading it here turns its absence into an error that names the
// install instead of a bare "Cannot find package".
const pg = loadPeer<typeof Pg>('pg', 'marketbridge/stores/postgres', '>=8');

/** pg's connection pool class, from the installed peer. */
export const Pool: typeof Pg.Pool = pg.Pool;
