import type { HttpRequest } from '../../../http/client-types.js';

/**
 * A request the MercadoLibre client sends: the part of the pipeline's `HttpRequest` that its
 * builders fill in. Builders are pure, so contract tests check them without a network.
 *
 * @example
 * ```ts
 * const request: MercadoLibreRequest = getItemRequest('MLA1234567890');
 * ```
 */
export type MercadoLibreRequest = Pick<HttpRequest, 'operation' | 'method' | 'path' | 'query' | 'headers' | 'json' | 'idempotent'>;
