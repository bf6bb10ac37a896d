import { webhookHttpResponse, type WebhookHttpResponse } from '../../../webhooks/http.js';
import type { WebhookOutcome } from '../../../webhooks/processor/types.js';

/**
 * The HTTP answer to a MercadoLibre delivery: 200 for anything accepted (processed, queued for
 * processing, duplicate, unrouted), since MercadoLibre expects exactly 200 and keeps retrying
 * otherwise; refusals as {@link webhookHttpResponse} maps them (400 for a malformed
 * notification, another application or topic; 401 for a seller that is not connected).
 *
 * @example
 * ```ts
 * const answer = mercadolibreHttpResponse(await notifications.receive(request));
 * return new Response(answer.body, { status: answer.status, headers: answer.headers });
 * ```
 */
export function mercadolibreHttpResponse(outcome: WebhookOutcome): WebhookHttpResponse {
  const answer = webhookHttpResponse(outcome);
  return outcome.status === 'rejected' ? answer : { ...answer, status: 200 };
}
