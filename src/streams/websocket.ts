/**
 * Webhooks from a WebSocket feed: a `StreamSource` on the `ws` package that reconnects with
 * backoff and resumes after the last acknowledged message where the protocol allows, and the
 * consumer that feeds it into the webhook processor (deduplication, retries, dead letters,
 * replay). Needs the optional peer dependency `ws`.
 *
 * @example
 * ```ts
 * import { createStreamConsumer, createTrustedSourceVerifier, WebSocketSource } from 'marketbridge/streams/websocket';
 *
 * const source = new WebSocketSource({ url: (after) => `wss://feed.example/events${after ? `?after=${after}` : ''}` });
 * createStreamConsumer({ source, processor, platform: 'feed' }).start();
 * ```
 *
 * @module marketbridge/streams/websocket
 */
export { WebSocketSource, type WebSocketSourceOptions, type ReconnectOptions } from './websocket/websocket-source.js';
export { parseJsonFrame, reconnectDelayMs } from './websocket/frames.js';
export * from './shared-exports.js';
