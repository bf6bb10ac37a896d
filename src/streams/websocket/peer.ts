import type * as WS from 'ws';
import { loadPeer } from '../../peers/load-peer.js';

/**
 * The `ws` module. Loaded when `marketbridge/streams/websocket` is imported, so that a missing
 * install fails at once, naming the command that fixes it.
 *
 * @example
 * ```ts
 * const socket = new ws.WebSocket(url);
 * ```
 */
export const ws: typeof WS = loadPeer<typeof WS>('ws', 'marketbridge/streams/websocket', '^8');
