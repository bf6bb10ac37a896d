import type { TestWebhookRequest } from '../../../testing/webhooks/signed-requests.js';

/**
 * Builds an (unsigned) MercadoLibre notification for the given application.
 *
 * @example
 * ```ts
 * const request = mercadoLibreTestRequest({ applicationId: '123', resource: '/orders/1', userId: 42 });
 * ```
 *
 * @category Simulator
 */
export function mercadoLibreTestRequest(options: {
  applicationId: string | number;
  resource: string;
  userId: number;
  topic?: string;
  id?: string;
}): TestWebhookRequest {
  const body = JSON.stringify({
    _id: options.id ?? crypto.randomUUID(),
    resource: options.resource,
    user_id: options.userId,
    topic: options.topic ?? 'orders_v2',
    application_id: Number(options.applicationId),
    attempts: 1,
    sent: '2026-01-01T00:00:00.000Z',
    received: '2026-01-01T00:00:00.000Z',
  });
  return { headers: { 'content-type': 'application/json' }, body };
}
