import { utf8 } from '../core/bytes.js';

/**
 * Header values as runtimes hand them over: a Web `Headers`, or a plain record (Node's
 * `IncomingHttpHeaders`, API Gateway events) whose values may be repeated.
 *
 * @example
 * ```ts
 * const headers: WebhookHeaders = { 'x-shopify-topic': 'orders/create' };
 * ```
 */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

/**
 * An incoming webhook exactly as received: the raw body bytes (never a re-serialised object)
 * and the headers. Every verifier works on this shape, so the same verifier serves the
 * Web-standard, Node and Lambda adapters.
 *
 * @example
 * ```ts
 * const request: WebhookRequest = { headers: req.headers, body: rawBodyBuffer };
 * ```
 */
export interface WebhookRequest {
  /** The headers, in any case. */
  headers: WebhookHeaders;
  /** The raw body. A string is taken as its UTF-8 bytes. */
  body: Uint8Array | string;
  /** The request URL, when known (used for query-string data such as MercadoLibre's topic). */
  url?: string;
  /** The HTTP method, when known. */
  method?: string;
}

/**
 * Every value of header `name` (case-insensitive). A Web `Headers` joins repeats with `, `, so
 * it yields at most one value.
 *
 * @example
 * ```ts
 * headerValues({ headers: { 'X-Test': ['a', 'b'] }, body: '' }, 'x-test'); // ['a', 'b']
 * ```
 */
export function headerValues(request: WebhookRequest, name: string): string[] {
  const { headers } = request;
  const wanted = name.toLowerCase();
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).forEach === 'function') {
    const value = (headers as Headers).get(wanted);
    return value === null ? [] : [value];
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') out.push(value);
    else out.push(...value);
  }
  return out;
}

/**
 * The body's bytes: a `Uint8Array` as is, a string as UTF-8.
 *
 * @example
 * ```ts
 * const bytes = bodyBytes({ headers: {}, body: '{"a":1}' });
 * ```
 */
export function bodyBytes(request: WebhookRequest): Uint8Array {
  return typeof request.body === 'string' ? utf8(request.body) : request.body;
}

/**
 * Reads a Web `Request` into a {@link WebhookRequest}, keeping the body's exact bytes.
 *
 * @example
 * ```ts
 * export async function POST(request: Request) {
 *   const incoming = await readWebhookRequest(request);
 *   const result = await verifier.verify(incoming);
 * }
 * ```
 */
export async function readWebhookRequest(request: Request): Promise<WebhookRequest> {
  const body = new Uint8Array(await request.arrayBuffer());
  return { headers: request.headers, body, url: request.url, method: request.method };
}
