import type { AMAZON_OPERATION_LIMITS } from '../limits.generated.js';

/**
 * The name of an SP-API operation with a known usage plan (a key of `AMAZON_OPERATION_LIMITS`).
 *
 * @category Operations
 */
export type AmazonOperation = keyof typeof AMAZON_OPERATION_LIMITS;

/**
 * One SP-API call, built and ready to send: the operation (which picks its token bucket), the
 * method, the path (already encoded), the query (arrays joined with commas, as the models'
 * `collectionFormat: csv` says) and the JSON body.
 *
 * @category Operations
 */
export interface SpApiRequest {
  /** The operation, for rate limiting, logs and errors. */
  operation: AmazonOperation;
  /** HTTP method. */
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with parameters filled in and percent-encoded. */
  path: string;
  /** Query parameters. */
  query?: Record<string, string>;
  /** Extra headers. */
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** The response carries buyer data: send a Restricted Data Token instead of the access token. */
  restricted?: boolean;
  /** A grantless operation: authorised with a client-credentials token of this scope. */
  grantlessScope?: string;
}

/** Fills `{name}` segments of a path template with percent-encoded values. */
export function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new TypeError(`Missing path parameter ${name} for ${template}.`);
    return encodeURIComponent(value);
  });
}

/** Builds a query object, dropping undefined values and joining arrays with commas. */
export function query(
  values: Record<string, string | number | boolean | readonly string[] | undefined>,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) out[key] = value.join(',');
    } else out[key] = String(value);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
