import type { BolCondition, BolFulfilment, BolOrder, BolPricing, BolSubscription } from '../types.js';

/**
 * An offer as the simulator keeps it.
 *
 * @category Simulator
 */
export interface SimulatedBolOffer {
  offerId: string;
  ean: string;
  reference?: string;
  condition: BolCondition;
  pricing: BolPricing;
  stock: { amount: number; managedByRetailer: boolean; updatedAt: number };
  fulfilment: BolFulfilment;
  onHoldByRetailer: boolean;
  unknownProductTitle?: string;
  productTitle?: string;
  mutatedAt: number;
}

/**
 * What a write does when its process status settles as SUCCESS: nothing to say, or the message
 * of a business rule that fails it after all (the status becomes FAILURE with that message).
 *
 * @category Simulator
 */
export type StatusEffect = (() => void) | (() => string | undefined);

/**
 * A process status in the simulator: it is `PENDING` until `settlesAt`, then takes its final
 * state and applies its effect.
 *
 * @category Simulator
 */
export interface SimulatedProcessStatus {
  id: string;
  entityId?: string;
  eventType: string;
  description: string;
  createdAt: number;
  settlesAt: number;
  status: 'PENDING' | 'SUCCESS' | 'FAILURE' | 'TIMEOUT';
  /** What the status becomes when it settles. */
  outcome: { status: 'SUCCESS' | 'FAILURE' | 'TIMEOUT'; errorMessage?: string };
  errorMessage?: string;
  /** Applied when the status settles as SUCCESS; may still fail it (a business rule). */
  effect?: StatusEffect;
  settledAt?: number;
}

/**
 * Everything the simulated seller account holds; tests read it to check what a connector wrote.
 *
 * @category Simulator
 */
export interface BolSimulatorState {
  offers: Map<string, SimulatedBolOffer>;
  orders: Map<string, BolOrder & { placedAt: number }>;
  processStatuses: Map<string, SimulatedProcessStatus>;
  exports: Map<string, string>;
  subscriptions: Map<string, BolSubscription>;
  sequence: number;
}

/** A fresh, empty state. */
export function emptyState(): BolSimulatorState {
  return {
    offers: new Map(),
    orders: new Map(),
    processStatuses: new Map(),
    exports: new Map(),
    subscriptions: new Map(),
    sequence: 0,
  };
}
