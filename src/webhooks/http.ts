import type { WebhookRequest } from './request.js';
import { readWebhookRequest } from './request.js';
import type { WebhookProcessor } from './processor/processor.js';
import type { WebhookOutcome } from './processor/types.js';

/**
 * A runtime-neutral HTTP answer to a webhook delivery, mapped by each adapter to its own
 * response type.
 *
 * @example
 * ```ts
 * const answer: WebhookHttpResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"processed"}' };
 * ```
 */
export interface WebhookHttpResponse {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Record<string, string>;
  /** Response body (JSON text). */
  body: string;
}

const STATUS_BY_REASON: Record<string, number> = {
  unknown_platform: 404,
  malformed_body: 400,
  unknown_topic: 400,
  wrong_application: 400,
  key_fetch_failed: 503,
};

/**
 * Maps a {@link WebhookOutcome} to an HTTP answer: 2xx for processed, queued, duplicate and
 * unrouted events (so platforms stop redelivering), 401 for authentication failures, 400 for
 * malformed notifications, 404 for unknown platforms and 503 when a signing key could not be
 * fetched (so the platform redelivers later). The body names the status or reason only.
 *
 * @example
 * ```ts
 * const answer = webhookHttpResponse(await processor.receive('shopify', request));
 * ```
 */
export function webhookHttpResponse(outcome: WebhookOutcome): WebhookHttpResponse {
  const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  if (outcome.status === 'rejected') {
    const status = STATUS_BY_REASON[outcome.reason] ?? 401;
    return { status, headers, body: JSON.stringify({ status: 'rejected', reason: outcome.reason }) };
  }
  return { status: outcome.status === 'queued' ? 202 : 200, headers, body: JSON.stringify({ status: outcome.status }) };
}

/**
 * Picks the platform of a delivery: by default the last path segment of the URL
 * (`/webhooks/shopify` → `shopify`).
 *
 * @example
 * ```ts
 * const byHeader: PlatformResolver = (request) => (request.headers as Headers).get('x-platform') ?? undefined;
 * ```
 */
export type PlatformResolver = (request: WebhookRequest) => string | undefined;

/**
 * Options shared by the Web, Node and Lambda webhook adapters.
 *
 * @example
 * ```ts
 * const options: WebhookAdapterOptions = { platform: 'shopify' };
 * ```
 */
export interface WebhookAdapterOptions {
  /** A fixed platform for this endpoint. */
  platform?: string;
  /** How to pick the platform per request (default: the URL's last path segment). */
  resolvePlatform?: PlatformResolver;
}

/**
 * Runs a raw request through the processor and returns the HTTP answer; the adapters are thin
 * wrappers around this.
 *
 * @example
 * ```ts
 * const answer = await handleWebhook(processor, { headers, body: rawBody, url: '/webhooks/shopify' });
 * ```
 */
export async function handleWebhook(
  processor: WebhookProcessor,
  request: WebhookRequest,
  options: WebhookAdapterOptions = {},
): Promise<WebhookHttpResponse> {
  const platform = options.platform ?? (options.resolvePlatform ?? platformFromUrl)(request);
  if ((request.method ?? 'POST').toUpperCase() !== 'POST') {
    return { status: 405, headers: { allow: 'POST', 'content-type': 'application/json' }, body: '{"status":"method_not_allowed"}' };
  }
  if (!platform) return webhookHttpResponse({ status: 'rejected', platform: '', reason: 'unknown_platform', message: 'No platform in the URL.' });
  return webhookHttpResponse(await processor.receive(platform, request));
}

function platformFromUrl(request: WebhookRequest): string | undefined {
  if (!request.url) return undefined;
  const path = new URL(request.url, 'http://localhost').pathname.replace(/\/+$/, '');
  const segment = path.slice(path.lastIndexOf('/') + 1);
  return segment ? decodeURIComponent(segment) : undefined;
}

/**
 * A Web-standard `(Request) => Promise<Response>` webhook endpoint for Next.js route handlers,
 * Cloudflare Workers, Bun and Deno. It reads the body as bytes, so signatures are checked on
 * exactly what the platform sent.
 *
 * @example
 * ```ts
 * // app/webhooks/[platform]/route.ts
 * const handler = createWebhookHandler(processor);
 * export const POST = handler;
 * ```
 */
export function createWebhookHandler(processor: WebhookProcessor, options: WebhookAdapterOptions = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    const answer = await handleWebhook(processor, await readWebhookRequest(request), options);
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
