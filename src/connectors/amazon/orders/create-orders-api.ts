import { AmazonOrders20260101 } from './2026-01-01/orders-2026-01-01.js';
import type { AmazonOrdersApi, AmazonOrdersDeps, AmazonOrdersVersion } from './orders-api.js';
import { AmazonOrdersV0 } from './v0/orders-v0.js';

const GENERATIONS: Record<AmazonOrdersVersion, (deps: AmazonOrdersDeps) => AmazonOrdersApi> = {
  v0: (deps) => new AmazonOrdersV0(deps),
  '2026-01-01': (deps) => new AmazonOrders20260101(deps),
};

/**
 * The Orders API generation `version`, behind {@link AmazonOrdersApi}. The connector calls it
 * once, when it is constructed.
 *
 * @example
 * ```ts
 * const orders = createAmazonOrdersApi(config.ordersApi, { client, clock: context.clock, includeBuyerData: config.includeBuyerData });
 * ```
 *
 * @category Operations
 */
export function createAmazonOrdersApi(version: AmazonOrdersVersion, deps: AmazonOrdersDeps): AmazonOrdersApi {
  return GENERATIONS[version](deps);
}
