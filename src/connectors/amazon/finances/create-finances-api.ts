import { AmazonFinances20240619 } from './2024-06-19/finances-2024-06-19.js';
import type { AmazonFinancesApi, AmazonFinancesDeps, AmazonFinancesVersion } from './finances-api.js';
import { AmazonFinancesV0 } from './v0/finances-v0.js';

const GENERATIONS: Record<AmazonFinancesVersion, (deps: AmazonFinancesDeps) => AmazonFinancesApi> = {
  v0: (deps) => new AmazonFinancesV0(deps),
  '2024-06-19': (deps) => new AmazonFinances20240619(deps),
};

/**
 * The Finances API generation `version`, behind {@link AmazonFinancesApi}. The connector calls
 * it once, when it is constructed.
 *
 * @example
 * ```ts
 * const finances = createAmazonFinancesApi(config.financesApi, { client, clock: context.clock });
 * ```
 *
 * @category Operations
 */
export function createAmazonFinancesApi(version: AmazonFinancesVersion, deps: AmazonFinancesDeps): AmazonFinancesApi {
  return GENERATIONS[version](deps);
}
