/**
 * The media type of every Retailer API v10 JSON request and answer (`Accept`, and
 * `Content-Type` of bodies).
 *
 * @example
 * ```ts
 * headers.set('accept', BOL_MEDIA_TYPE); // application/vnd.retailer.v10+json
 * ```
 *
 * @category Marketplace
 */
export const BOL_MEDIA_TYPE = 'application/vnd.retailer.v10+json';

/**
 * The media type the offers export is downloaded with (`Accept` of `GET /offers/export/{id}`).
 *
 * @example
 * ```ts
 * headers.set('accept', BOL_CSV_MEDIA_TYPE); // application/vnd.retailer.v10+csv
 * ```
 *
 * @category Marketplace
 */
export const BOL_CSV_MEDIA_TYPE = 'application/vnd.retailer.v10+csv';

/**
 * bol.com's login service: client-credentials tokens for the Retailer API (production and
 * demo alike). The grant type is also sent in the query string, as bol.com documents it.
 *
 * @example
 * ```ts
 * new BolMarketplace({ clientId, clientSecret, endpoints: { token: 'http://127.0.0.1:9000/token' } });
 * ```
 *
 * @category Marketplace
 */
export const BOL_TOKEN_URL = 'https://login.bol.com/token?grant_type=client_credentials';

/**
 * The base URLs of the Retailer API and the Shared API (process statuses), per environment.
 * The demo environment answers fixed examples and writes nothing.
 *
 * @example
 * ```ts
 * BOL_ENVIRONMENTS.demo.retailer; // 'https://api.bol.com/retailer-demo'
 * ```
 *
 * @category Marketplace
 */
export const BOL_ENVIRONMENTS = {
  production: { retailer: 'https://api.bol.com/retailer', shared: 'https://api.bol.com/shared' },
  demo: { retailer: 'https://api.bol.com/retailer-demo', shared: 'https://api.bol.com/shared-demo' },
} as const;

/**
 * Where a bol.com connection sends its requests.
 *
 * @category Marketplace
 */
export interface BolEndpoints {
  /** Retailer API base URL (offers, orders, shipments, subscriptions, ...). */
  retailer: string;
  /** Shared API base URL (process statuses). */
  shared: string;
  /** Token endpoint. */
  token: string;
}

/**
 * The endpoints of an environment, with any overrides (a proxy, a local simulator).
 *
 * @example
 * ```ts
 * resolveBolEndpoints({ environment: 'demo' }).retailer; // 'https://api.bol.com/retailer-demo'
 * ```
 *
 * @category Marketplace
 */
export function resolveBolEndpoints(input: {
  environment?: 'production' | 'demo';
  endpoints?: Partial<BolEndpoints>;
}): BolEndpoints {
  const base = BOL_ENVIRONMENTS[input.environment ?? 'production'];
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    retailer: trim(input.endpoints?.retailer ?? base.retailer),
    shared: trim(input.endpoints?.shared ?? base.shared),
    token: input.endpoints?.token ?? BOL_TOKEN_URL,
  };
}
