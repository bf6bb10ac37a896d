import type { Clock } from '../../../core/clock.js';
import type { BolProcessStatus } from '../types.js';
import type { BolSimulatorState, SimulatedBolOffer, SimulatedProcessStatus, StatusEffect } from './state.js';

/**
 * What a simulated write is, for a custom outcome rule.
 *
 * @category Simulator
 */
export interface SimulatedWrite {
  eventType: string;
  entityId?: string;
  body: unknown;
}

/**
 * A pushed event the simulator would deliver to a subscription (for tests to sign and post).
 *
 * @category Simulator
 */
export interface SimulatedPush {
  subscriptionId: string;
  url: string;
  body: { retailerId: string; timestamp: string; event: { resource: string; type: string; resourceId: string } };
}

/** What the simulator's route files share. */
export interface BolSimulatorRuntime {
  readonly clock: Clock;
  readonly state: BolSimulatorState;
  readonly sharedBase: string;
  readonly retailerId: string;
  readonly outbox: SimulatedPush[];
  nextId(prefix: string): string;
  /** Records a write's process status (PENDING until it settles). */
  createStatus(input: {
    eventType: string;
    entityId?: string;
    description: string;
    body?: unknown;
    effect?: StatusEffect;
  }): SimulatedProcessStatus;
  /** Settles every status whose time has come, applying effects in creation order. */
  settleDue(): void;
  statusJson(status: SimulatedProcessStatus): BolProcessStatus;
  /** The offer's stock less the open orders bol.com counts against it. */
  correctedStock(offer: SimulatedBolOffer): number;
}

/**
 * An ISO timestamp with bol.com's offset notation.
 *
 * @example
 * ```ts
 * bolTimestamp(Date.UTC(2026, 0, 1)); // '2026-01-01T00:00:00.000+00:00'
 * ```
 */
export function bolTimestamp(at: number): string {
  return new Date(at).toISOString().replace('Z', '+00:00');
}
