import { utf8 } from '../core/bytes.js';

/**
 * Header values as runtimes hand them over: a Web `Headers`, or a plain record (Node's
 * `IncomingHttpHeaders`, API Gateway events) whose values may be repeated.
 *
 * @category HTTP handlers
 */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

/**
 * An incoming webhook exactly as received: the raw body bytes (never a re-serialised object)
 * and the headers. Every verifier works on this shape, so the same verifier serves the
 * Web-standard, Node and Lambda adapters.
 *
 * @category HTTP handlers
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
 *
 * @category HTTP handlers
 */
export function headerValues(request: WebhookRequest, name: string): string[] {
  const { headers } = request;
  const wanted = name.toLowerCase();
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).forEach === 'function') {
    const value = (headers as Headers).get(wanted);
    return value === null ? [] : [value];
  }
  const record = headers as Record<string, string | readonly string[] | undefined>;
  const out: string[] = [];
  // Own keys only, as Object.entries gives them. Header names are ASCII tokens (RFC 9110),
  // whose lower case has their length: keys of another length are passed over unlowered.
  for (const key of Object.keys(record)) {
    if (key.length !== wanted.length || (key !== wanted && key.toLowerCase() !== wanted)) continue;
    const value = record[key];
    if (value === undefined) continue;
    if (typeof value === 'string') out.push(value);
    else out.push(...value);
  }
  return out;
}

/**
 * Every value of each of `names` (lower case), in one pass over the headers: what
 * {@link headerValues} gives for each name, for verifiers that read several headers of every
 * request.
 *
 * @example
 * ```ts
 * const [signature, topic] = headersValues(request, ['x-shopify-hmac-sha256', 'x-shopify-topic']);
 * ```
 */
export function headersValues(request: WebhookRequest, names: readonly string[]): string[][] {
  const { headers } = request;
  const out = names.map((): string[] => []);
  if (typeof (headers as Headers).get === 'function' && typeof (headers as Headers).forEach === 'function') {
    names.forEach((name, i) => {
      const value = (headers as Headers).get(name);
      if (value !== null) out[i]!.push(value);
    });
    return out;
  }
  const record = headers as Record<string, string | readonly string[] | undefined>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined) continue;
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      if (key.length !== name.length || (key !== name && key.toLowerCase() !== name)) continue;
      if (typeof value === 'string') out[i]!.push(value);
      else out[i]!.push(...value);
    }
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
 *
 * @category HTTP handlers
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
 *
 * @category HTTP handlers
 */
export async function readWebhookRequest(request: Request): Promise<WebhookRequest> {
  const body = new Uint8Array(await request.arrayBuffer());
  return { headers: request.headers, body, url: request.url, method: request.method };
}
