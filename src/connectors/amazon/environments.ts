import type { MarketplaceEnvironments } from '../../core/environments.js';
import type { AmazonConfig } from './config.js';
import { AMAZON_ENDPOINTS, LWA_TOKEN_URL, resolveBaseUrl } from './endpoints.js';

const hostOf = (url: string) => new URL(url).hostname;

/**
 * Where the SP-API connector sends requests: the region's production or sandbox host
 * (`sandbox: true`), or `endpoints.api`; tokens from Login with Amazon (used by the sandbox
 * too) or `endpoints.token`. The three regional `sellingpartnerapi-*.amazon.com` hosts are
 * production.
 *
 * @example
 * ```ts
 * amazonEnvironments.urls(AmazonConfigSchema.parse({ ...config, sandbox: true })).api;
 * // 'https://sandbox.sellingpartnerapi-na.amazon.com'
 * ```
 *
 * @category Marketplace
 */
export const amazonEnvironments: MarketplaceEnvironments<AmazonConfig> = Object.freeze({
  urls: (config: AmazonConfig) => ({
    api: resolveBaseUrl({
      region: config.region,
      sandbox: config.sandbox,
      ...(config.endpoints.api ? { baseUrl: config.endpoints.api } : {}),
    }),
    token: config.endpoints.token ?? LWA_TOKEN_URL,
  }),
  productionHosts: Object.values(AMAZON_ENDPOINTS).map((endpoints) => hostOf(endpoints.production)),
  sandboxHosts: Object.values(AMAZON_ENDPOINTS).map((endpoints) => hostOf(endpoints.sandbox)),
  sandboxHint:
    "set sandbox: true (Amazon's static sandbox endpoints), or endpoints.api to a non-production host such as a local simulator",
});
