import type { MarketplaceEnvironments } from '../core/environments.js';

/**
 * The simulated marketplace calls nothing: it is offline in every mode.
 *
 * @example
 * ```ts
 * simulatedEnvironments.offline; // true
 * ```
 *
 * @category Simulated marketplace
 */
export const simulatedEnvironments: MarketplaceEnvironments = Object.freeze({
  urls: () => ({}),
  productionHosts: [],
  sandboxHint: 'the simulated marketplace is offline; nothing to select',
  offline: true,
});
