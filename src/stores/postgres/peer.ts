import type * as Pg from 'pg';
import { loadOptionalPeer } from '../../core/optional-peer.js';

// pg is an optional peer: loading it here turns its absence into an error that names the
// install instead of a bare "Cannot find package".
const pg = loadOptionalPeer<typeof Pg>('pg', 'marketbridge/stores/postgres', import.meta.url, 'npm install pg');

/** pg's connection pool class, from the installed peer. */
export const Pool: typeof Pg.Pool = pg.Pool;
