import { readWebhookRequest, type WebhookRequest } from '../../../webhooks/request.js';
import { webhookHttpResponse, type WebhookHttpResponse } from '../../../webhooks/http.js';
import type { WebhookProcessor } from '../../../webhooks/processor/processor.js';
import { checkEbayEndpointSettings, ebayChallengeResponse } from './challenge.js';

/**
 * Options of {@link createEbayNotificationEndpoint} and {@link handleEbayNotification}.
 *
 * @example
 * ```ts
 * const options: EbayNotificationEndpointOptions = { processor, verificationToken: process.env.EBAY_VERIFICATION_TOKEN!, endpoint: 'https://app.example.com/ebay/notifications' };
 * ```
 *
 * @category Webhooks and notifications
 */
export interface EbayNotificationEndpointOptions {
  /** The processor with the eBay verifier (`ebay.notifications.verifier()`) and your routes. */
  processor: WebhookProcessor;
  /** The verification token registered with eBay for this endpoint (a secret). */
  verificationToken: string;
  /** The endpoint URL exactly as registered with eBay (part of the challenge hash). */
  endpoint: string;
  /** The platform name of the eBay verifier in the processor (default `ebay`). */
  platform?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/**
 * Answers one request to your eBay notification endpoint, runtime-neutral: `GET
 * ?challenge_code=` gets the challenge response eBay validates endpoints with; `POST` runs the
 * notification through the processor (signature verified, deduplicated, routed by topic,
 * retried) and answers 200/202 when accepted, so eBay stops redelivering, or the processor's
 * rejection status. Anything else is 405.
 *
 * @example
 * ```ts
 * const answer = await handleEbayNotification(options, { method: req.method, url: req.url, headers: req.headers, body: rawBody });
 * res.writeHead(answer.status, answer.headers).end(answer.body);
 * ```
 *
 * @category Webhooks and notifications
 */
export async function handleEbayNotification(
  options: EbayNotificationEndpointOptions,
  request: WebhookRequest,
): Promise<WebhookHttpResponse> {
  const method = (request.method ?? 'POST').toUpperCase();
  if (method === 'GET') {
    const code = request.url ? new URL(request.url, 'https://localhost').searchParams.get('challenge_code') : null;
    if (!code)
      return { status: 400, headers: JSON_HEADERS, body: '{"status":"rejected","reason":"challenge_code_missing"}' };
    const challengeResponse = await ebayChallengeResponse(code, options.verificationToken, options.endpoint);
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ challengeResponse }) };
  }
  if (method !== 'POST')
    return { status: 405, headers: { ...JSON_HEADERS, allow: 'GET, POST' }, body: '{"status":"method_not_allowed"}' };
  return webhookHttpResponse(await options.processor.receive(options.platform ?? 'ebay', request));
}

/**
 * A Web-standard `(Request) => Promise<Response>` eBay notification endpoint (Next.js route
 * handlers, Workers, Bun, Deno) for both the validation challenge (GET) and notifications
 * (POST). The settings are checked once, here.
 *
 * @example
 * ```ts
 * // app/ebay/notifications/route.ts
 * const endpoint = createEbayNotificationEndpoint({ processor, verificationToken, endpoint: 'https://app.example.com/ebay/notifications' });
 * export const GET = endpoint;
 * export const POST = endpoint;
 * ```
 *
 * @category Webhooks and notifications
 */
export function createEbayNotificationEndpoint(
  options: EbayNotificationEndpointOptions,
): (request: Request) => Promise<Response> {
  checkEbayEndpointSettings(options);
  return async (request) => {
    const incoming =
      request.method.toUpperCase() === 'POST'
        ? await readWebhookRequest(request)
        : { headers: request.headers, body: new Uint8Array(), url: request.url, method: request.method };
    const answer = await handleEbayNotification(options, incoming);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
