import type { HttpRequest, HttpResponse } from '../../../http/client-types.js';

/**
 * What the SP-API client hands its transport: the part of the request pipeline's
 * `HttpRequest` that SP-API calls use.
 *
 * @category Operations
 */
export type AmazonHttpRequest = Pick<
  HttpRequest,
  'operation' | 'method' | 'path' | 'query' | 'headers' | 'json' | 'idempotent' | 'signal'
>;

/**
 * What a transport returns: the request pipeline's response.
 *
 * @category Operations
 */
export type AmazonHttpResponse<T> = HttpResponse<T>;

/**
 * Sends SP-API requests: authorisation, per-operation rate limiting, throttling retries and
 * typed errors are its job.
 *
 * @category Operations
 */
export interface AmazonTransport {
  /** Sends one request; resolves the parsed answer or rejects with a `MarketbridgeError`. */
  request<T>(request: AmazonHttpRequest): Promise<AmazonHttpResponse<T>>;
}
