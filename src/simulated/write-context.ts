import type { Clock } from '../core/clock.js';
import type { ResolvedSimulatedConfig } from './config.js';
import type { Buyers } from './buyers.js';
import type { SimState } from './state.js';

/** What the per-item write functions of the simulated marketplace work on. */
export interface SimCore {
  readonly state: SimState;
  readonly config: ResolvedSimulatedConfig;
  readonly buyers: Buyers;
  /** The current time as an ISO timestamp. */
  now(): string;
  /** The marketplace's clock. */
  readonly clock: Clock;
  /** The platform name errors carry. */
  readonly platform: string;
}
