import { err, ok } from 'neverthrow';
import { parseAmazonNotification } from '../../connectors/amazon/notifications/parse.js';
import { failure } from '../../core/result.js';
import { fromUtf8 } from '../../core/bytes.js';
import { bodyBytes, type WebhookRequest } from '../../webhooks/request.js';
import type { WebhookVerifier } from '../../webhooks/verify/types.js';

/**
 * A verifier for SP-API notifications taken from SQS (or EventBridge via SQS): the queue's IAM
 * policy is what authenticates them, so it checks the message is a well-formed notification
 * (with `parseAmazonNotification`) and routes it by `NotificationType`, deduplicating by
 * `NotificationId`. Types the parser does not map still pass, routed by their type. Handlers
 * get the notification JSON; turn it into canonical events with `parseAmazonNotification`.
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({
 *   verifiers: [createAmazonNotificationVerifier()],
 *   routes: { amazon: { ORDER_CHANGE: async (event) => apply(parseAmazonNotification(event.payload)._unsafeUnwrap()) } },
 * });
 * ```
 */
export function createAmazonNotificationVerifier(options: { platform?: string } = {}): WebhookVerifier {
  const platform = options.platform ?? 'amazon';
  return {
    platform,
    verify(request: WebhookRequest) {
      const body = bodyBytes(request);
      const parsed = parseAmazonNotification(fromUtf8(body));
      if (parsed.isErr()) {
        if (parsed.error.reason === 'unsupported_type') {
          const topic = parsed.error.details?.topic;
          return ok({ platform, body, ...(typeof topic === 'string' ? { topic } : {}) });
        }
        return err(
          failure('malformed_body', `Not an SP-API notification (${parsed.error.reason}): ${parsed.error.message}`),
        );
      }
      const first = parsed.value[0];
      return ok({ platform, body, ...(first ? { topic: first.topic, eventId: first.eventId } : {}) });
    },
  };
}
