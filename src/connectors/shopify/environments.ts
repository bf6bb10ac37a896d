import type { MarketplaceEnvironments } from '../../core/environments.js';
import type { ResolvedShopifyConfig } from './config.js';

/**
 * Where the Shopify connector sends requests: `https://{shop}/admin/api/{version}`, or
 * `endpoint`. Every `*.myshopify.com` host is production: Shopify has no separate sandbox
 * host, and a development store is a real shop on the same host. Sandbox mode therefore
 * accepts Shopify only with `endpoint` pointing at a non-production host (a local simulator,
 * a recording proxy); connect a development store in live mode.
 *
 * @example
 * ```ts
 * shopifyEnvironments.urls(ShopifyConfigSchema.parse({ shop: 'acme', accessToken })).api;
 * // 'https://acme.myshopify.com/admin/api/2026-10'
 * ```
 *
 * @category Marketplace
 */
export const shopifyEnvironments: MarketplaceEnvironments<ResolvedShopifyConfig> = Object.freeze({
  urls: (config: ResolvedShopifyConfig) => ({
    api: config.endpoint ?? `https://${config.shop}/admin/api/${config.apiVersion}`,
  }),
  productionHosts: ['*.myshopify.com'],
  sandboxHint:
    'Shopify has no sandbox host (a development store is a live shop on *.myshopify.com): set endpoint to a non-production URL such as a local simulator, or connect the store in live mode',
});
