import type { ShopifySimState } from './state.js';

/**
 * What a resolver of the simulated Admin API receives.
 *
 * @category Simulator
 */
export interface SimResolverContext {
  state: ShopifySimState;
  variables: Record<string, unknown>;
  query: string;
  /** The simulator clock's time, ISO. */
  now: string;
  /**
   * The API version the simulator serves the request with: the one in the URL, or the oldest
   * supported version when the URL's has left support (Shopify falls forward).
   */
  version: string;
  /** The key of an `@idempotent(key:)` directive, if the document has one. */
  idempotencyKey?: string;
  /**
   * Asked by a keyed mutation when it is about to run: true when `ShopifySimulator.failNextAttempt`
   * wants this attempt to fail inside Shopify (each true answer uses one of its count).
   */
  failAttempt?: () => boolean;
}

/**
 * What a resolver returns: the `data` and, for connections, how many nodes it returned (the
 * actual cost is computed from it).
 *
 * @category Simulator
 */
export interface SimResolverResult {
  data: Record<string, unknown>;
  returned?: number;
}

/**
 * A resolver of one operation (by operation name).
 *
 * @category Simulator
 */
export type SimResolver = (ctx: SimResolverContext) => SimResolverResult;

/**
 * A top-level GraphQL error the simulator answers with (`errors`, no `data`; HTTP 200 unless
 * `status` says otherwise, e.g. 500 for an internal failure).
 *
 * @example
 * ```ts
 * throw new SimGraphqlError('Invalid id: gid://shopify/Product/x', 'BAD_REQUEST');
 * ```
 *
 * @category Simulator
 */
export class SimGraphqlError extends Error {
  /** @param message - the error message; @param code - `extensions.code`; @param status - the HTTP status (default 200) */
  constructor(
    message: string,
    readonly code?: string,
    readonly status = 200,
  ) {
    super(message);
  }
}
