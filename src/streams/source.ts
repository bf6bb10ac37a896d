import type { WebhookRequest } from '../webhooks/request.js';

/**
 * One message from a stream: the webhook it carries (headers and raw body, exactly as the
 * producer wrote them) and the id the source acknowledges it by.
 *
 * @category Streams
 */
export interface StreamMessage {
  /** The source's id of the message (Redis entry id, SQS receipt handle, Kafka offset, ...). */
  id: string;
  /** The platform to route it to, when the message says (else the consumer's `platform`). */
  platform?: string;
  /** The webhook request it carries. */
  request: WebhookRequest;
}

/**
 * Options of one {@link StreamSource.pull}.
 *
 * @example
 * ```ts
 * const messages = await source.pull({ max: 10, waitMs: 1_000, signal });
 * ```
 *
 * @category Streams
 */
export interface PullOptions {
  /** At most this many messages. */
  max: number;
  /** How long to wait for the first message when none is ready (long poll). */
  waitMs: number;
  /** Stops waiting. */
  signal?: AbortSignal;
}

/**
 * A source of webhook-like messages (Kafka, Redis Streams, a WebSocket feed, an SQS queue)
 * that feeds the same processing as webhooks. The contract is at least once:
 * - `pull` resolves messages not yet acknowledged (after a crash, the unacknowledged ones are
 *   delivered again, possibly to another consumer);
 * - `ack` is called only after the webhook processor has committed each message (processed,
 *   queued for retry, a duplicate, or rejected for good), so nothing is lost;
 * - the processor's deduplication by event id turns redeliveries into no-ops.
 *
 * @example
 * ```ts
 * const source: StreamSource = new RedisStreamSource({ url, stream: 'webhooks', group: 'marketbridge', consumer: 'worker-1' });
 * const consumer = createStreamConsumer({ source, processor });
 * consumer.start();
 * ```
 *
 * @category Streams
 */
export interface StreamSource {
  /** Names the source in events, logs and metrics. */
  readonly name: string;
  /** Messages to process, waiting up to `waitMs` when none is ready. */
  pull(options: PullOptions): Promise<StreamMessage[]>;
  /** Acknowledges processed messages by id: they are not delivered again. */
  ack(ids: readonly string[]): Promise<void>;
  /** Messages not yet acknowledged (waiting or in flight), when the source can tell. */
  lag(): Promise<number | undefined>;
  /** Releases connections (messages pulled but not acknowledged will be delivered again). */
  close(): Promise<void>;
}
