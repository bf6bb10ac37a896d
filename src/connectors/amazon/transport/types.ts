/**
 * What the SP-API client hands its transport: the shape of `HttpClient.request` from the
 * request pipeline, so that either transport fits.
 *
 * @example
 * ```ts
 * const request: AmazonHttpRequest = { operation: 'getOrder', method: 'GET', path: '/orders/v0/orders/1' };
 * ```
 */
export interface AmazonHttpRequest {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  json?: unknown;
  /** The request may be sent again after a lost response or throttling. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/**
 * What a transport returns.
 *
 * @example
 * ```ts
 * const response: AmazonHttpResponse<{ payload: unknown }> = await transport.request(request);
 * ```
 */
export interface AmazonHttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  attempts: number;
  durationMs: number;
  requestId: string;
}

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
