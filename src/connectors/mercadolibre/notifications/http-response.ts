import { webhookHttpResponse, type WebhookHttpResponse } from '../../../webhooks/http.js';
import type { WebhookOutcome } from '../../../webhooks/processor/types.js';

/**
 * The HTTP answer to a MercadoLibre delivery. MercadoLibre expects exactly 200 (within 500 ms)
 * and disables a topic whose callbacks keep failing, so every well-formed notification is
 * answered 200, whether it was queued, a duplicate, or refused (another application, a topic
 * you do not take, a seller you did not connect: the outcome says which, for your logs). Only
 * a body that is not a notification at all gets 400.
 *
 * @example
 * ```ts
 * const answer = mercadolibreHttpResponse(await notifications.receive(request));
 * return new Response(answer.body, { status: answer.status, headers: answer.headers });
 * ```
 *
 * @category Webhooks and notifications
 */
export function mercadolibreHttpResponse(outcome: WebhookOutcome): WebhookHttpResponse {
  const answer = webhookHttpResponse(outcome);
  return outcome.status === 'rejected' && outcome.reason === 'malformed_body' ? answer : { ...answer, status: 200 };
}
