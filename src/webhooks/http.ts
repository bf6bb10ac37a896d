import { isMarketbridgeError } from '../core/errors/marketbridge-error.js';
import type { WebhookRequest } from './request.js';
import { readWebhookRequest } from './request.js';
import type { WebhookProcessor } from './processor/processor.js';
import type { WebhookOutcome } from './processor/types.js';

/**
 * A runtime-neutral HTTP answer to a webhook delivery, mapped by each adapter to its own
 * response type.
 *
 * @category HTTP handlers
 */
export interface WebhookHttpResponse {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Record<string, string>;
  /** Response body (JSON text). */
  body: string;
}

const JSON_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
};

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
 *
 * @category HTTP handlers
 */
export function webhookHttpResponse(outcome: WebhookOutcome): WebhookHttpResponse {
  const headers = { ...JSON_HEADERS };
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
 * @category HTTP handlers
 */
export type PlatformResolver = (request: WebhookRequest) => string | undefined;

/**
 * Options shared by the Web, Node and Lambda webhook adapters.
 *
 * @example
 * ```ts
 * const options: WebhookAdapterOptions = { platform: 'shopify', onError: (error) => logger.error('webhook endpoint failed', { error }) };
 * ```
 *
 * @category HTTP handlers
 */
export interface WebhookAdapterOptions {
  /** A fixed platform for this endpoint. */
  platform?: string;
  /** How to pick the platform per request (default: the URL's last path segment). */
  resolvePlatform?: PlatformResolver;
  /**
   * Told about anything that went wrong while answering (a store outage, a throwing verifier
   * or resolver, an unreadable body). The adapter has already answered 5xx (or 400 for an
   * unreadable request) and keeps serving; this is where to log or alert. It must not throw.
   */
  onError?: (error: unknown) => void;
}

/**
 * The answer to a delivery that could not be handled: 503 when the failure is a retryable
 * `MarketbridgeError` (the store is down, the event was not recorded), 500 otherwise, so the
 * platform redelivers either way. The body names no detail of the failure; `onError` gets it.
 *
 * @example
 * ```ts
 * try { return await handle(request); } catch (error) { return webhookErrorResponse(error, options); }
 * ```
 *
 * @category HTTP handlers
 */
export function webhookErrorResponse(
  error: unknown,
  options: Pick<WebhookAdapterOptions, 'onError'> = {},
): WebhookHttpResponse {
  report(error, options);
  const status = isMarketbridgeError(error) && error.retryable ? 503 : 500;
  return { status, headers: { ...JSON_HEADERS }, body: '{"status":"error"}' };
}

function report(error: unknown, options: Pick<WebhookAdapterOptions, 'onError'>): void {
  try {
    options.onError?.(error);
  } catch {
    // A reporting hook that throws must not cost the answer.
  }
}

/** A request whose URL cannot be read (malformed percent-encoding, an unparsable host). */
const MALFORMED_URL = Symbol('malformed URL');

/**
 * Runs a raw request through the processor and returns the HTTP answer; the adapters are thin
 * wrappers around this. It never rejects: a URL with malformed percent-encoding (`/webhooks/%ZZ`)
 * gets 400, and anything the resolver, verifier, processor or store throws gets 500 (503 when
 * retryable), reported to `onError`.
 *
 * @example
 * ```ts
 * const answer = await handleWebhook(processor, { headers, body: rawBody, url: '/webhooks/shopify' });
 * ```
 *
 * @category HTTP handlers
 */
export async function handleWebhook(
  processor: WebhookProcessor,
  request: WebhookRequest,
  options: WebhookAdapterOptions = {},
): Promise<WebhookHttpResponse> {
  try {
    if (String(request.method ?? 'POST').toUpperCase() !== 'POST') {
      return {
        status: 405,
        headers: { allow: 'POST', 'content-type': 'application/json' },
        body: '{"status":"method_not_allowed"}',
      };
    }
    const platform =
      options.platform ?? (options.resolvePlatform ? options.resolvePlatform(request) : platformFromUrl(request));
    if (platform === MALFORMED_URL)
      return { status: 400, headers: { ...JSON_HEADERS }, body: '{"status":"rejected","reason":"malformed_url"}' };
    if (!platform)
      return webhookHttpResponse({
        status: 'rejected',
        platform: '',
        reason: 'unknown_platform',
        message: 'No platform in the URL.',
      });
    return webhookHttpResponse(await processor.receive(platform, request));
  } catch (error) {
    return webhookErrorResponse(error, options);
  }
}

function platformFromUrl(request: WebhookRequest): string | undefined | typeof MALFORMED_URL {
  if (!request.url) return undefined;
  try {
    const path = new URL(request.url, 'http://localhost').pathname.replace(/\/+$/, '');
    const segment = path.slice(path.lastIndexOf('/') + 1);
    return segment ? decodeURIComponent(segment) : undefined;
  } catch {
    return MALFORMED_URL;
  }
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
 *
 * @category HTTP handlers
 */
export function createWebhookHandler(
  processor: WebhookProcessor,
  options: WebhookAdapterOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    let answer: WebhookHttpResponse;
    try {
      answer = await handleWebhook(processor, await readWebhookRequest(request), options);
    } catch (error) {
      // The body could not be read (the client went away, or it was already consumed).
      report(error, options);
      answer = { status: 400, headers: { ...JSON_HEADERS }, body: '{"status":"unreadable_body"}' };
    }
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };
}
