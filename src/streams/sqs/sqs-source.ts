import type { SQSClient } from '@aws-sdk/client-sqs';
import { ValidationError } from '../../core/errors/validation-error.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import type { PullOptions, StreamMessage, StreamSource } from '../source.js';
import { guarded } from '../source-failure.js';
import { sqs } from './peer.js';

/**
 * Options of {@link SqsSource}.
 *
 * @example
 * ```ts
 * const options: SqsSourceOptions = { client: new SQSClient({ region: 'eu-west-1' }), queueUrl, platform: 'amazon' };
 * ```
 *
 * @category Streams
 */
export interface SqsSourceOptions {
  /** The SQS client (its region and credentials are yours to configure). */
  client: SQSClient;
  /** The queue's URL. */
  queueUrl: string;
  /** The platform every message is routed to (default `amazon`: SP-API notifications). */
  platform?: string;
  /**
   * How long a received message stays hidden from other consumers (seconds, default: the
   * queue's setting). Make it longer than processing a batch takes: a message not deleted in
   * time is delivered again (harmless, the processor deduplicates; but wasted work).
   */
  visibilityTimeoutSeconds?: number;
  /** Told about deletes that failed. */
  logger?: Logger;
}

/**
 * A {@link StreamSource} on an Amazon SQS queue (`@aws-sdk/client-sqs`): `ReceiveMessage` long
 * polls up to 20 s for up to 10 messages, `DeleteMessageBatch` acknowledges (10 per call)
 * after the processor committed them, and a message not deleted becomes visible again after
 * its visibility timeout. String message attributes become headers. Lag is the queue's
 * approximate count of visible plus in-flight messages.
 *
 * @example
 * ```ts
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * import { createAmazonNotificationVerifier, createStreamConsumer, SqsSource } from 'marketbridge/streams/sqs';
 *
 * const processor = createWebhookProcessor({ verifiers: [createAmazonNotificationVerifier()], routes: { amazon: { ORDER_CHANGE: onOrderChange } }, context });
 * const source = new SqsSource({ client: new SQSClient({ region: 'eu-west-1' }), queueUrl: process.env.SP_API_QUEUE_URL! });
 * createStreamConsumer({ source, processor }).start();
 * ```
 *
 * @category Streams
 */
export class SqsSource implements StreamSource {
  /** `sqs:<queue name>`. */
  readonly name: string;
  readonly #options: SqsSourceOptions;
  readonly #logger: Logger;

  /** @param options - the client, queue URL and visibility timeout */
  constructor(options: SqsSourceOptions) {
    const issues = [];
    if (typeof options?.client?.send !== 'function')
      issues.push({ path: ['client'], message: 'Expected an SQSClient from @aws-sdk/client-sqs.' });
    if (typeof options?.queueUrl !== 'string' || !/^https?:\/\//.test(options.queueUrl))
      issues.push({
        path: ['queueUrl'],
        message: 'Expected the queue URL (https://sqs.<region>.amazonaws.com/<account>/<queue>).',
      });
    const visibility = options?.visibilityTimeoutSeconds;
    if (visibility !== undefined && !(Number.isSafeInteger(visibility) && visibility >= 0 && visibility <= 43_200))
      issues.push({
        path: ['visibilityTimeoutSeconds'],
        message: 'Expected whole seconds from 0 to 43,200 (12 hours).',
      });
    if (issues.length) throw new ValidationError('SQS source options', issues);
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.name = `sqs:${options.queueUrl.split('/').pop()}`;
  }

  /** Long-polls for up to `max` messages (SQS's limits: 10 messages, 20 s). */
  async pull(options: PullOptions): Promise<StreamMessage[]> {
    const { client, queueUrl, visibilityTimeoutSeconds } = this.#options;
    const output = await guarded(this.name, 'receive', () =>
      client.send(
        new sqs.ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, Math.max(1, Math.floor(options.max))),
          WaitTimeSeconds: Math.min(20, Math.max(0, Math.round(options.waitMs / 1_000))),
          MessageAttributeNames: ['All'],
          ...(visibilityTimeoutSeconds === undefined ? {} : { VisibilityTimeout: visibilityTimeoutSeconds }),
        }),
        options.signal ? { abortSignal: options.signal } : {},
      ),
    );
    const platform = this.#options.platform ?? 'amazon';
    return (output.Messages ?? [])
      .filter((message) => typeof message.ReceiptHandle === 'string')
      .map((message) => {
        const headers: Record<string, string> = {};
        for (const [name, attribute] of Object.entries(message.MessageAttributes ?? {}))
          if (typeof attribute.StringValue === 'string') headers[name.toLowerCase()] = attribute.StringValue;
        return { id: message.ReceiptHandle!, platform, request: { headers, body: message.Body ?? '' } };
      });
  }

  /** Deletes the messages, ten per `DeleteMessageBatch`; a failed delete only means a redelivery. */
  async ack(ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += 10) {
      const chunk = ids.slice(start, start + 10);
      const output = await guarded(this.name, 'acknowledge', () =>
        this.#options.client.send(
          new sqs.DeleteMessageBatchCommand({
            QueueUrl: this.#options.queueUrl,
            Entries: chunk.map((handle, i) => ({ Id: `m${start + i}`, ReceiptHandle: handle })),
          }),
        ),
      );
      for (const failed of output.Failed ?? [])
        this.#logger.warn('SQS delete failed; the message will be delivered again', {
          source: this.name,
          code: failed.Code,
        });
    }
  }

  /** Approximate visible plus in-flight messages of the queue. */
  async lag(): Promise<number | undefined> {
    const output = await guarded(this.name, 'read its lag', () =>
      this.#options.client.send(
        new sqs.GetQueueAttributesCommand({
          QueueUrl: this.#options.queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      ),
    );
    const attributes = output.Attributes ?? {};
    const visible = Number(attributes.ApproximateNumberOfMessages);
    const hidden = Number(attributes.ApproximateNumberOfMessagesNotVisible);
    return Number.isFinite(visible) ? visible + (Number.isFinite(hidden) ? hidden : 0) : undefined;
  }

  /** Nothing to release: the SQS client stays yours. */
  async close(): Promise<void> {}
}
