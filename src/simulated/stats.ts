import type { OperationName } from '../core/capabilities.js';

/**
 * Counters of what the simulated marketplace has served.
 *
 * @category Simulated marketplace
 */
export interface SimulatedStats {
  /** API calls per operation (a page or a write chunk is one call). */
  calls: Partial<Record<OperationName, number>>;
  /** Calls that had to wait for (or were refused) a rate-limit token. */
  throttled: number;
  /** Failures injected so far. */
  injectedFailures: number;
}
