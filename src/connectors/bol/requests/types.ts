import type { QueryParams } from '../../../http/url.js';
import type { BolOperation } from '../limits.js';

/**
 * One request the connector can send, before it is bound to an environment: which API
 * (Retailer or Shared), the path relative to that API's base URL, the query and the JSON body.
 * The media types are bol.com's (`application/vnd.retailer.v10+json`, or `+csv` for the offers
 * export) unless `accept` says otherwise.
 *
 * @category Operations
 */
export interface BolRequest {
  operation: BolOperation;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  api: 'retailer' | 'shared';
  path: string;
  query?: QueryParams;
  json?: unknown;
  /** The `Accept` media type (default `application/vnd.retailer.v10+json`). */
  accept?: string;
  /** Read the answer as a stream (the offers export). */
  stream?: boolean;
  /** `false`: never re-sent after a transient failure (the operation ledger reads it back instead). */
  idempotent?: false;
}

/** A path segment, percent-encoded. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
