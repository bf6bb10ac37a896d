import type { MarketplaceEnvironments } from '../../core/environments.js';
import { CREATORS_TOKEN_URLS, type CreatorsConfig } from './config.js';

/**
 * Where the Creators API client sends requests: `endpoint` (default `CREATORS_API_ENDPOINT`)
 * and the token URL of the credential version or `tokenUrl`. The Creators API has no sandbox;
 * its host `creatorsapi.amazon` is production, so sandbox mode accepts it only with `endpoint`
 * pointing at a non-production host. Use it as the `environments` of a definition that wraps the
 * client.
 *
 * @example
 * ```ts
 * defineMarketplace({ name: 'amazon-catalog', configSchema: CreatorsConfigSchema, create, environments: creatorsEnvironments });
 * ```
 *
 * @category Marketplace
 */
export const creatorsEnvironments: MarketplaceEnvironments<CreatorsConfig> = Object.freeze({
  urls: (config: CreatorsConfig) => ({
    api: config.endpoint,
    token: config.tokenUrl ?? CREATORS_TOKEN_URLS[config.credentialVersion],
  }),
  productionHosts: ['creatorsapi.amazon'],
  sandboxHint: 'the Creators API has no sandbox: set endpoint to a non-production host such as a local simulator',
});
