import type { MarketplaceEnvironments } from '../../core/environments.js';
import type { ResolvedEbayConfig } from './config.js';
import { EBAY_PRODUCTION_HOSTS, resolveEbayUrls } from './endpoints.js';

/**
 * Where the eBay connector sends requests: the REST APIs, the consent page and the token
 * endpoint of the configured `environment` (`api.ebay.com`, or `api.sandbox.ebay.com` and
 * `auth.sandbox.ebay.com` with `environment: 'sandbox'`), each replaced by its `endpoints`
 * override. The production hosts are {@link EBAY_PRODUCTION_HOSTS}, so sandbox mode accepts
 * eBay with `environment: 'sandbox'`, or with every URL pointed off production (a local
 * simulator), and refuses an override that points back at production.
 *
 * @example
 * ```ts
 * ebayEnvironments.urls(EbayConfigSchema.parse({ environment: 'sandbox', credentials })).api;
 * // 'https://api.sandbox.ebay.com'
 * ```
 *
 * @category Marketplace
 */
export const ebayEnvironments: MarketplaceEnvironments<ResolvedEbayConfig> = Object.freeze({
  urls: (config: ResolvedEbayConfig) => ({ ...resolveEbayUrls(config.environment, config.endpoints) }),
  productionHosts: EBAY_PRODUCTION_HOSTS,
  sandboxHosts: ['api.sandbox.ebay.com', 'apiz.sandbox.ebay.com', 'auth.sandbox.ebay.com'],
  sandboxHint:
    "set environment: 'sandbox' (api.sandbox.ebay.com with a sandbox keyset), or point endpoints at a non-production host such as a local simulator",
});
