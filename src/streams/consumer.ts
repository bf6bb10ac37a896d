import type { EventBus } from '../core/events.js';
import { ValidationError } from '../core/errors/validation-error.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { WebhookProcessor } from '../webhooks/processor/processor.js';
import type { WebhookOutcome } from '../webhooks/processor/types.js';
import type { StreamMessage, StreamSource } from './source.js';

/**
 * Options of {@link createStreamConsumer}.
 *
 * @example
 * ```ts
 * const options: StreamConsumerOptions = { source, processor, platform: 'shopify', batchSize: 20 };
 * ```
 *
 * @category Streams
 */
export interface StreamConsumerOptions {
  /** Where messages come from. */
  source: StreamSource;
  /** The webhook processor that verifies, deduplicates, routes, retries and dead-letters them. */
  processor: WebhookProcessor;
  /** The platform of messages that do not name one (default: the processor's only platform). */
  platform?: string;
  /** Messages per pull (default 10). */
  batchSize?: number;
  /** Long-poll wait of each pull (default 1,000 ms). */
  waitMs?: number;
  /** After a failed pull or processing pass, wait this long before the next (default 1,000 ms). */
  errorDelayMs?: number;
  /** Receives `streamProgress` after each pass with messages. */
  events?: EventBus;
  /** Told about rejected messages and failed passes. */
  logger?: Logger;
  /** Told about each message the processor rejected (not authentic, not JSON, unknown platform); it is acknowledged. */
  onRejected?: (message: StreamMessage, outcome: Extract<WebhookOutcome, { status: 'rejected' }>) => void;
}

/**
 * Totals of one pass.
 *
 * @category Streams
 */
export interface StreamPassSummary {
  received: number;
  acked: number;
  rejected: number;
  duplicates: number;
}

/**
 * A running (or runnable) stream consumer.
 *
 * @example
 * ```ts
 * consumer.start();
 * process.on('SIGTERM', () => void consumer.stop());
 * ```
 *
 * @category Streams
 */
export interface StreamConsumer {
  /** Pulls one batch, feeds every message to the processor, acknowledges the committed ones. */
  runOnce(signal?: AbortSignal): Promise<StreamPassSummary>;
  /** Runs passes until `stop()`; failures are logged and retried after `errorDelayMs`. */
  start(): void;
  /** Stops after the current pass and closes the source. */
  stop(): Promise<void>;
  /** The source's lag, for health reports and metrics. */
  lag(): Promise<number | undefined>;
}

/**
 * Feeds a {@link StreamSource} into a webhook processor, so streamed events get the same
 * verification, deduplication, retries, dead letters and replay as webhooks. A message is
 * acknowledged only after the processor committed it: processed, queued for a retry,
 * recognised as a duplicate, or rejected for good. If the processor itself fails (its store is
 * down), the pass stops without acknowledging the rest, and they are delivered again.
 *
 * @example
 * ```ts
 * import { createStreamConsumer, RedisStreamSource } from 'marketbridge/streams/redis';
 *
 * const consumer = createStreamConsumer({
 *   source: new RedisStreamSource({ url: process.env.REDIS_URL, stream: 'shopify-events', group: 'marketbridge', consumer: hostname() }),
 *   processor,
 * });
 * consumer.start();
 * ```
 *
 * @category Streams
 */
export function createStreamConsumer(options: StreamConsumerOptions): StreamConsumer {
  const issues = [];
  if (typeof options?.source?.pull !== 'function' || typeof options.source.ack !== 'function')
    issues.push({ path: ['source'], message: 'Expected a StreamSource (pull, ack, lag, close).' });
  if (typeof options?.processor?.receive !== 'function')
    issues.push({ path: ['processor'], message: 'Expected a webhook processor (createWebhookProcessor).' });
  const platform =
    options?.platform ?? (options?.processor?.platforms?.length === 1 ? options.processor.platforms[0] : undefined);
  const batchSize = options?.batchSize ?? 10;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    issues.push({ path: ['batchSize'], message: 'Expected a positive integer.' });
  if (issues.length) throw new ValidationError('stream consumer options', issues);
  const { source, processor } = options;
  const logger = options.logger ?? silentLogger;
  const waitMs = options.waitMs ?? 1_000;
  const errorDelayMs = options.errorDelayMs ?? 1_000;
  let running: Promise<void> | undefined;
  let stopping: AbortController | undefined;

  const runOnce = async (signal?: AbortSignal): Promise<StreamPassSummary> => {
    const messages = await source.pull({ max: batchSize, waitMs, ...(signal ? { signal } : {}) });
    const summary: StreamPassSummary = { received: messages.length, acked: 0, rejected: 0, duplicates: 0 };
    const committed: string[] = [];
    try {
      for (const message of messages) {
        const target = message.platform ?? platform;
        const outcome: WebhookOutcome =
          target === undefined
            ? {
                status: 'rejected',
                platform: 'unknown',
                reason: 'unknown_platform',
                message: 'The message names no platform and the consumer has no default platform.',
              }
            : await processor.receive(target, message.request);
        if (outcome.status === 'rejected') {
          summary.rejected++;
          logger.warn('stream message rejected', {
            source: source.name,
            platform: outcome.platform,
            reason: outcome.reason,
          });
          options.onRejected?.(message, outcome);
        } else if (outcome.status === 'duplicate') {
          summary.duplicates++;
        }
        committed.push(message.id);
      }
    } finally {
      // What the processor committed is acknowledged even when a later message failed.
      if (committed.length > 0) await source.ack(committed);
      summary.acked = committed.length;
      if (messages.length > 0 && options.events) {
        const lag = await source.lag().catch(() => undefined);
        options.events.emit('streamProgress', {
          source: source.name,
          ...(platform ? { platform } : {}),
          received: summary.received,
          acked: summary.acked,
          rejected: summary.rejected,
          ...(lag === undefined ? {} : { lag }),
        });
      }
    }
    return summary;
  };

  return {
    runOnce,
    lag: () => source.lag(),
    start() {
      if (running) return;
      const controller = new AbortController();
      stopping = controller;
      running = (async () => {
        while (!controller.signal.aborted) {
          try {
            await runOnce(controller.signal);
          } catch (error) {
            if (controller.signal.aborted) break;
            logger.error('stream pass failed; retrying', {
              source: source.name,
              message: error instanceof Error ? error.message : String(error),
            });
            await new Promise((resolve) => setTimeout(resolve, errorDelayMs));
          }
        }
      })();
    },
    async stop() {
      stopping?.abort();
      await running;
      running = undefined;
      await source.close();
    },
  };
}
