import type { AmazonRegion } from '../endpoints.js';

/**
 * Whose usage plans a connector spends. SP-API keeps rate limits per selling partner and
 * application in each region (grantless operations: per application and region), so budgets are
 * keyed by all three: one tenant with two seller accounts, or one seller in two regions, has two
 * budgets.
 *
 * @category Rate limits
 */
export interface AmazonBudgetScope {
  region: AmazonRegion;
  /** The selling partner (seller id). */
  sellerId: string;
  /** The application: its LWA client id (kept in keys only as a short hash). */
  applicationId: string;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable tag, not a secret-keeping hash. */
function tag(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The keys of one connector's budgets: see {@link amazonBudgetKeys}.
 *
 * @category Rate limits
 */
export interface AmazonBudgetKeys {
  /** The store-key prefix of every SP-API budget (`rl:amazon`). */
  readonly prefix: string;
  /**
   * Who owns the budgets: the application in the region (the rate-limit plan's `scope`, in
   * place of the tenant), so every tenant that connects a seller through this application
   * spends the same budgets.
   */
  readonly scope: string;
  /** The bucket of an operation: the selling partner's, or the application's own for a grantless one. */
  bucket(operation: string, grantless?: boolean): string;
}

/**
 * The keys of the budgets Amazon keeps: per application and region (`scope`), and within it
 * per selling partner (`bucket`) except for grantless operations, which are the application's
 * own. The tenant is not part of them: two tenants that connect one seller account through one
 * application spend one budget, as Amazon counts it.
 *
 * @example
 * ```ts
 * const keys = amazonBudgetKeys(scope);
 * keys.prefix;                          // 'rl:amazon'
 * keys.scope;                           // 'eu:app-1a2b3c4d'
 * keys.bucket('patchListingsItem');     // 'A1SELLER:patchListingsItem'
 * keys.bucket('getDestinations', true); // 'getDestinations'
 * ```
 *
 * @category Rate limits
 */
export function amazonBudgetKeys(scope: AmazonBudgetScope): AmazonBudgetKeys {
  return {
    prefix: 'rl:amazon',
    scope: `${scope.region}:app-${tag(scope.applicationId)}`,
    bucket: (operation, grantless = false) => (grantless ? operation : `${scope.sellerId}:${operation}`),
  };
}
