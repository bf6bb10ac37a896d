import { err, ok } from 'neverthrow';
import {
  amazonNotificationEnvelopeSchema,
  amazonNotificationFacts,
} from '../../connectors/amazon/notifications/schemas.js';
import { issuesFromZod } from '../../core/errors/validation-error.js';
import { failure } from '../../core/result.js';
import { fromUtf8 } from '../../core/bytes.js';
import { bodyBytes, type WebhookRequest } from '../../webhooks/request.js';
import type { WebhookVerifier } from '../../webhooks/verify/types.js';

/**
 * A verifier for SP-API notifications taken from SQS (or EventBridge or SNS via SQS): the
 * queue's IAM policy is what authenticates them, so it checks the message is an SP-API
 * notification (its envelope: type, versions, event time, payload object, metadata with the
 * notification id), routes it by `NotificationType` and deduplicates it by `NotificationId`.
 * The payload is checked by the route: give the processor `amazonNotificationRoutes`, whose
 * handlers get checked, typed notifications, and where one that is not the shape of its type is
 * dead-lettered with reason `invalid_payload` (not dropped here, unseen).
 *
 * @example
 * ```ts
 * const processor = createWebhookProcessor({
 *   verifiers: [createAmazonNotificationVerifier()],
 *   routes: amazonNotificationRoutes({ ORDER_CHANGE: (notification) => apply(notification.Payload.OrderChangeNotification) }),
 * });
 * ```
 *
 * @category Streams
 */
export function createAmazonNotificationVerifier(options: { platform?: string } = {}): WebhookVerifier {
  const platform = options.platform ?? 'amazon';
  return {
    platform,
    verify(request: WebhookRequest) {
      const body = bodyBytes(request);
      let message: unknown;
      try {
        message = JSON.parse(fromUtf8(body));
      } catch {
        return err(failure('malformed_body', 'Not an SP-API notification: the message body is not JSON.'));
      }
      const checked = amazonNotificationEnvelopeSchema().safeParse(message);
      if (!checked.success) {
        const where = issuesFromZod(checked.error)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ');
        return err(failure('malformed_body', `Not an SP-API notification: ${where}.`));
      }
      const facts = amazonNotificationFacts(checked.data);
      return ok({ platform, body, topic: facts.type, eventId: facts.notificationId });
    },
  };
}
