import type WebSocket from 'ws';
import { ValidationError } from '../../core/errors/validation-error.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import type { PullOptions, StreamMessage, StreamSource } from '../source.js';
import { parseJsonFrame, reconnectDelayMs } from './frames.js';
import { ws } from './peer.js';

/**
 * Options of {@link WebSocketSource}.
 *
 * @example
 * ```ts
 * const options: WebSocketSourceOptions = {
 *   url: (after) => `wss://events.example/feed${after ? `?after=${after}` : ''}`,
 *   headers: { authorization: `Bearer ${process.env.FEED_TOKEN}` },
 * };
 * ```
 *
 * @category Streams
 */
export interface WebSocketSourceOptions {
  /**
   * The feed's URL, or a function of the id of the last message acknowledged so far (all
   * earlier ones acknowledged too), for protocols that resume from an id after a reconnect.
   */
  url: string | ((resumeAfter: string | undefined) => string);
  /** Sub-protocols to ask for. */
  protocols?: string[];
  /** Headers of the upgrade request (e.g. authorization); never logged. */
  headers?: Record<string, string>;
  /** Turns a text frame into a message (default {@link parseJsonFrame}); `undefined` drops the frame. */
  parse?: (data: string) => StreamMessage | undefined;
  /** A frame that acknowledges messages, for protocols that take acks (sent after each `ack`). */
  ackFrame?: (ids: readonly string[]) => string | undefined;
  /** Reconnect backoff: full jitter under `baseDelayMs` (500) doubling to `maxDelayMs` (30,000). */
  reconnect?: ReconnectOptions;
  /** Messages buffered before the socket is paused (default 1,000). */
  maxBuffered?: number;
  /** Names the source (default `websocket`). */
  name?: string;
  /** Told about connections, drops and unreadable frames. */
  logger?: Logger;
}

/**
 * Reconnect backoff of {@link WebSocketSource}: full jitter under a ceiling that starts at
 * `baseDelayMs` and doubles per failed attempt up to `maxDelayMs`.
 *
 * @example
 * ```ts
 * const reconnect: ReconnectOptions = { baseDelayMs: 1_000, maxDelayMs: 60_000 };
 * ```
 *
 * @category Streams
 */
export interface ReconnectOptions {
  /** The first ceiling (default 500 ms). */
  baseDelayMs?: number;
  /** The largest ceiling (default 30,000 ms). */
  maxDelayMs?: number;
  /** Random source in [0, 1) for the jitter (default `Math.random`). */
  random?: () => number;
}

/**
 * A {@link StreamSource} on a WebSocket feed (the `ws` package): it connects on the first
 * pull, buffers frames (pausing the socket when the buffer is full), reconnects with
 * exponential backoff and full jitter when the connection drops, and resumes after the last
 * acknowledged message where the protocol allows (see `url`). Messages pulled but not
 * acknowledged before a drop are delivered again; the processor's deduplication makes that safe.
 *
 * @example
 * ```ts
 * import { createStreamConsumer, WebSocketSource } from 'marketbridge/streams/websocket';
 *
 * const source = new WebSocketSource({ url: (after) => `wss://feed.example/events?after=${after ?? ''}` });
 * createStreamConsumer({ source, processor, platform: 'feed' }).start();
 * ```
 *
 * @category Streams
 */
export class WebSocketSource implements StreamSource {
  /** Names the source. */
  readonly name: string;
  readonly #options: WebSocketSourceOptions;
  readonly #logger: Logger;
  readonly #buffer: StreamMessage[] = [];
  /** Ids in arrival order, with whether each was acknowledged. */
  readonly #order: { id: string; acked: boolean }[] = [];
  readonly #known = new Set<string>();
  #socket: WebSocket | undefined;
  #resumeAfter: string | undefined;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  #wake: (() => void) | undefined;
  #connections = 0;

  /** @param options - the URL, headers, frame format and reconnect policy */
  constructor(options: WebSocketSourceOptions) {
    const issues = [];
    if (typeof options?.url !== 'string' && typeof options?.url !== 'function')
      issues.push({ path: ['url'], message: 'Give a ws:// or wss:// URL, or a function of the last acknowledged id.' });
    if (typeof options?.url === 'string' && !/^wss?:\/\//.test(options.url))
      issues.push({ path: ['url'], message: 'Expected a ws:// or wss:// URL.' });
    const { baseDelayMs, maxDelayMs } = options?.reconnect ?? {};
    for (const [key, value] of Object.entries({ baseDelayMs, maxDelayMs }))
      if (value !== undefined && !(value > 0))
        issues.push({ path: ['reconnect', key], message: 'Expected a positive number of milliseconds.' });
    if (issues.length) throw new ValidationError('WebSocket source options', issues);
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.name = options.name ?? 'websocket';
  }

  /** Whether the socket is open now. */
  get connected(): boolean {
    return this.#socket?.readyState === ws.WebSocket.OPEN;
  }

  /** Connections opened so far (the first one and every reconnect). */
  get connections(): number {
    return this.#connections;
  }

  #connect(): void {
    if (this.#closed || this.#socket) return;
    const url = typeof this.#options.url === 'function' ? this.#options.url(this.#resumeAfter) : this.#options.url;
    const socket = new ws.WebSocket(url, this.#options.protocols, { headers: this.#options.headers ?? {} });
    this.#socket = socket;
    socket.on('open', () => {
      this.#attempt = 0;
      this.#connections++;
      this.#logger.info('stream connected', { source: this.name });
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = (this.#options.parse ?? parseJsonFrame)(data.toString());
      if (!message) {
        this.#logger.warn('stream frame dropped: not a message', { source: this.name });
        return;
      }
      // A resend after a reconnect of a message still buffered or in flight is the same message.
      if (this.#known.has(message.id)) return;
      this.#known.add(message.id);
      this.#order.push({ id: message.id, acked: false });
      this.#buffer.push(message);
      if (this.#buffer.length >= (this.#options.maxBuffered ?? 1_000)) socket.pause();
      this.#wake?.();
    });
    socket.on('error', (error) =>
      this.#logger.warn('stream connection error', { source: this.name, message: error.message }),
    );
    socket.on('close', () => {
      if (this.#socket === socket) this.#socket = undefined;
      if (this.#closed) return;
      const { baseDelayMs = 500, maxDelayMs = 30_000, random = Math.random } = this.#options.reconnect ?? {};
      const delay = reconnectDelayMs(++this.#attempt, baseDelayMs, maxDelayMs, random);
      this.#logger.info('stream connection dropped; reconnecting', {
        source: this.name,
        attempt: this.#attempt,
        delayMs: delay,
      });
      this.#timer = setTimeout(() => this.#connect(), delay);
    });
  }

  /** Buffered messages, waiting up to `waitMs` for the first; connects on first use. */
  async pull(options: PullOptions): Promise<StreamMessage[]> {
    this.#connect();
    if (this.#buffer.length === 0 && options.waitMs > 0 && !options.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', done);
          this.#wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, options.waitMs);
        options.signal?.addEventListener('abort', done);
        this.#wake = done;
      });
    }
    const taken = this.#buffer.splice(0, options.max);
    if (this.#buffer.length < (this.#options.maxBuffered ?? 1_000)) this.#socket?.resume();
    return taken;
  }

  /** Marks messages acknowledged, moves the resume point, and sends the protocol's ack frame. */
  async ack(ids: readonly string[]): Promise<void> {
    const acked = new Set(ids);
    for (const entry of this.#order) if (acked.has(entry.id)) entry.acked = true;
    while (this.#order[0]?.acked) {
      const entry = this.#order.shift()!;
      this.#known.delete(entry.id);
      this.#resumeAfter = entry.id;
    }
    const frame = this.#options.ackFrame?.(ids);
    if (frame !== undefined && this.connected) this.#socket!.send(frame);
  }

  /** Messages received and not yet acknowledged. */
  async lag(): Promise<number> {
    return this.#order.length;
  }

  /** Stops reconnecting and closes the socket. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#wake?.();
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket && socket.readyState !== ws.WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 1_000).unref?.();
      });
    }
  }
}
