import { ok } from 'neverthrow';
import { bodyBytes, headerValues, type WebhookRequest } from '../webhooks/request.js';
import type { WebhookVerifier } from '../webhooks/verify/types.js';

/**
 * Options of {@link createTrustedSourceVerifier}.
 *
 * @example
 * ```ts
 * const options: TrustedSourceOptions = { platform: 'erp', topicHeader: 'x-topic', eventIdHeader: 'x-event-id' };
 * ```
 *
 * @category Streams
 */
export interface TrustedSourceOptions {
  /** The platform name the processor routes by. */
  platform: string;
  /** A header naming the topic (else the processor reads `type`/`topic`/`event` from the body). */
  topicHeader?: string;
  /** A header carrying the event id (else the processor uses the body's `id`, or a hash of the body). */
  eventIdHeader?: string;
}

/**
 * A verifier for messages whose transport is already authenticated (a Redis stream or Kafka
 * topic inside your network, an SQS queue behind IAM): it accepts every message and only
 * reads the topic and event id, so the processor still deduplicates, retries and
 * dead-letters. Never use it for requests from the internet: use the platform's verifier.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({
 *   verifiers: [createTrustedSourceVerifier({ platform: 'erp', topicHeader: 'x-topic' })],
 *   routes: { erp: { 'stock.changed': onStock } },
 * });
 * ```
 *
 * @category Streams
 */
export function createTrustedSourceVerifier(options: TrustedSourceOptions): WebhookVerifier {
  const { platform, topicHeader, eventIdHeader } = options;
  return {
    platform,
    verify(request: WebhookRequest) {
      const topic = topicHeader ? headerValues(request, topicHeader)[0] : undefined;
      const eventId = eventIdHeader ? headerValues(request, eventIdHeader)[0] : undefined;
      const body = bodyBytes(request);
      return ok({ platform, body, ...(topic ? { topic } : {}), ...(eventId ? { eventId } : {}) });
    },
  };
}
