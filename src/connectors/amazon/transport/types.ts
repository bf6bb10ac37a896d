import type { HttpRequest, HttpResponse } from '../../../http/client-types.js';

/**
 * What the SP-API client hands its transport: the part of the request pipeline's
 * `HttpRequest` that SP-API calls use.
 *
 * @example
 * ```ts
 * const request: AmazonHttpRequest = { operation: 'getOrder', method: 'GET', path: '/orders/v0/orders/1' };
 * ```
 */
export type AmazonHttpRequest = Pick<HttpRequest, 'operation' | 'method' | 'path' | 'query' | 'headers' | 'json' | 'idempotent' | 'signal'>;

/**
 * What a transport returns: the request pipeline's response.
 *
 * @example
 * ```ts
 * const response: AmazonHttpResponse<{ payload: unknown }> = await transport.request(request);
 * ```
 */
export type AmazonHttpResponse<T> = HttpResponse<T>;

/**
 * Sends SP-API requests: authorisation, per-operation rate limiting, throttling retries and
 * typed errors are its job.
 *
 * @example
 * ```ts
 * const transport: AmazonTransport = createAmazonPipelineTransport({ baseUrl, context, auth });
 * ```
 */
export interface AmazonTransport {
  /** Sends one request; resolves the parsed answer or rejects with a `MarketbridgeError`. */
  request<T>(request: AmazonHttpRequest): Promise<AmazonHttpResponse<T>>;
}
