import type { HttpRequest } from '../../../http/client-types.js';

/**
 * A request the MercadoLibre client sends: the part of the pipeline's `HttpRequest` that its
 * builders fill in. Builders are pure, so contract tests check them without a network.
 *
 * @category Operations
 */
export type MercadoLibreRequest = Pick<
  HttpRequest,
  'operation' | 'method' | 'path' | 'query' | 'headers' | 'json' | 'idempotent'
>;
