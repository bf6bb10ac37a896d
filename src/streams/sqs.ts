/**
 * Webhooks from Amazon SQS, first of all SP-API notifications: a `StreamSource` on
 * `@aws-sdk/client-sqs` (long polling, batch deletes after the processor committed, redelivery
 * after the visibility timeout), a verifier that routes SP-API notifications by type and
 * deduplicates them by notification id, and the consumer that feeds them into the webhook
 * processor (retries, dead letters, replay). Needs the optional peer dependency
 * `@aws-sdk/client-sqs`.
 *
 * @example
 * ```ts
 * import { SQSClient } from '@aws-sdk/client-sqs';
 * import { createAmazonNotificationVerifier, createStreamConsumer, SqsSource } from 'marketbridge/streams/sqs';
 *
 * const processor = createWebhookProcessor({ verifiers: [createAmazonNotificationVerifier()], routes, context });
 * const source = new SqsSource({ client: new SQSClient({ region: 'eu-west-1' }), queueUrl: process.env.SP_API_QUEUE_URL! });
 * createStreamConsumer({ source, processor }).start();
 * ```
 *
 * @module marketbridge/streams/sqs
 */
export { SqsSource, type SqsSourceOptions } from './sqs/sqs-source.js';
export { createAmazonNotificationVerifier } from './sqs/amazon-notification-verifier.js';
export * from './shared-exports.js';
