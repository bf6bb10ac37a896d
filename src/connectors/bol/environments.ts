import { endpointMatches, type MarketplaceEnvironments } from '../../core/environments.js';
import type { ResolvedBolConfig } from './config.js';
import { resolveBolEndpoints } from './endpoints.js';

/**
 * Where the bol.com connector sends requests, for the safety layer's sandbox mode: the Retailer
 * and Shared API base URLs of `environment` (or `endpoints`) and the token URL. Production and
 * the demo environment share the host `api.bol.com` and differ by path, so production is
 * declared by path (`api.bol.com/retailer`, `api.bol.com/shared`) and `/retailer-demo`,
 * `/shared-demo` are the sandbox. The login service `login.bol.com` issues the tokens of both
 * environments (as Login with Amazon serves SP-API's sandbox) and changes no seller data, so it
 * is not counted as production: a demo connection is accepted in sandbox mode, a production one
 * (or an endpoint override on a production path) refused.
 *
 * @example
 * ```ts
 * bolEnvironments.urls(BolConfigSchema.parse({ clientId, clientSecret, environment: 'demo' })).retailer;
 * // 'https://api.bol.com/retailer-demo'
 * ```
 *
 * @category Marketplace
 */
export const bolEnvironments: MarketplaceEnvironments<ResolvedBolConfig> = Object.freeze({
  urls: (config: ResolvedBolConfig) => {
    const { retailer, shared, token } = resolveBolEndpoints({
      environment: config.environment,
      endpoints: config.endpoints,
    });
    return { retailer, shared, token };
  },
  productionHosts: ['api.bol.com/retailer', 'api.bol.com/shared'],
  sandboxHosts: ['api.bol.com/retailer-demo', 'api.bol.com/shared-demo'],
  sandboxHint:
    "set environment: 'demo' (bol.com's demo environment: fixed answers, nothing written), or endpoints on a non-production host such as a local simulator",
});

/**
 * Whether `url` addresses bol.com's production Retailer or Shared API (the paths under
 * `https://api.bol.com/retailer` and `/shared`, however spelled), not the demo environment.
 *
 * @example
 * ```ts
 * isBolProductionUrl('https://api.bol.com/retailer/offers/1'); // true
 * isBolProductionUrl('https://api.bol.com/retailer-demo/offers/1'); // false
 * ```
 *
 * @category Marketplace
 */
export function isBolProductionUrl(url: string): boolean {
  return endpointMatches(url, bolEnvironments.productionHosts);
}
