import type { Clock } from '../../../core/clock.js';
import type { BolProcessStatus } from '../types.js';
import { bolTimestamp, type SimulatedPush, type SimulatedWrite } from './runtime.js';
import type { BolSimulatorState, SimulatedProcessStatus, StatusEffect } from './state.js';

/** What the process status book needs from the simulator. */
export interface ProcessStatusBookOptions {
  clock: Clock;
  state: BolSimulatorState;
  /** Shared API base URL (for the statuses' `self` links). */
  sharedBase: string;
  retailerId: string;
  /** Where PROCESS_STATUS pushes to subscriptions go. */
  outbox: SimulatedPush[];
  processingMs?: number | ((write: SimulatedWrite) => number);
  decide?: (write: SimulatedWrite) => { status: 'FAILURE' | 'TIMEOUT'; errorMessage?: string } | undefined;
  retentionMs?: number;
}

/**
 * bol.com's side of process statuses: each write's status is `PENDING` until its processing
 * time has passed on the clock, then settles (applying the write's effect, which may still
 * fail it) in creation order, pushes a `PROCESS_STATUS` event to every subscription that
 * listens, and is forgotten after the retention time.
 */
export class ProcessStatusBook {
  /** How many statuses were created and how they ended. */
  counts = { created: 0, SUCCESS: 0, FAILURE: 0, TIMEOUT: 0 };
  readonly #options: ProcessStatusBookOptions;
  readonly #pending: SimulatedProcessStatus[] = [];

  /** @param options - clock, state, links, pushes and the outcome rules */
  constructor(options: ProcessStatusBookOptions) {
    this.#options = options;
  }

  /** Records a write's process status (PENDING until it settles). */
  create(input: {
    eventType: string;
    entityId?: string;
    description: string;
    body?: unknown;
    effect?: StatusEffect;
  }): SimulatedProcessStatus {
    const { clock, state, processingMs, decide } = this.#options;
    const now = clock.now();
    const write: SimulatedWrite = {
      eventType: input.eventType,
      ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
      body: input.body,
    };
    const delay = typeof processingMs === 'function' ? processingMs(write) : (processingMs ?? 1500);
    const status: SimulatedProcessStatus = {
      id: String(++state.sequence),
      eventType: input.eventType,
      description: input.description,
      createdAt: now,
      settlesAt: now + Math.max(0, delay),
      status: 'PENDING',
      outcome: decide?.(write) ?? { status: 'SUCCESS' },
      ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
      ...(input.effect ? { effect: input.effect } : {}),
    };
    state.processStatuses.set(status.id, status);
    this.#pending.push(status);
    this.counts.created++;
    return status;
  }

  /** Settles every status whose time has come, applying effects in creation order. */
  settleDue(): void {
    const { clock, state, outbox, retailerId } = this.#options;
    const now = clock.now();
    if (!this.#pending.some((status) => status.settlesAt <= now)) return;
    const keep: SimulatedProcessStatus[] = [];
    for (const status of this.#pending) {
      if (status.settlesAt > now) {
        keep.push(status);
        continue;
      }
      let { status: final, errorMessage } = status.outcome;
      if (final === 'SUCCESS') {
        const failed = status.effect?.();
        if (typeof failed === 'string') {
          final = 'FAILURE';
          errorMessage = failed;
        }
      }
      status.status = final;
      if (errorMessage !== undefined) status.errorMessage = errorMessage;
      status.settledAt = status.settlesAt;
      this.counts[final]++;
      for (const subscription of state.subscriptions.values()) {
        if (subscription.enabled === false || !subscription.resources.includes('PROCESS_STATUS')) continue;
        outbox.push({
          subscriptionId: subscription.id,
          url: subscription.url,
          body: {
            retailerId,
            timestamp: bolTimestamp(status.settlesAt),
            event: { resource: 'PROCESS_STATUS', type: final, resourceId: status.id },
          },
        });
      }
    }
    this.#pending.length = 0;
    this.#pending.push(...keep);
  }

  /** A status as the Shared API answers it. */
  json(status: SimulatedProcessStatus): BolProcessStatus {
    return {
      processStatusId: status.id,
      ...(status.entityId !== undefined ? { entityId: status.entityId } : {}),
      eventType: status.eventType,
      description: status.description,
      status: status.status,
      ...(status.errorMessage !== undefined ? { errorMessage: status.errorMessage } : {}),
      createTimestamp: bolTimestamp(status.createdAt),
      links: [{ rel: 'self', href: `${this.#options.sharedBase}/process-status/${status.id}`, method: 'GET' }],
    };
  }

  /** Forgets final statuses older than the retention time (bol.com keeps them for a limited time). */
  forgetOld(): void {
    const { clock, state, retentionMs } = this.#options;
    const limit = clock.now() - (retentionMs ?? 7 * 86_400_000);
    if (state.processStatuses.size === 0) return;
    const oldest = state.processStatuses.values().next().value as SimulatedProcessStatus;
    if (oldest.settledAt === undefined || oldest.settledAt >= limit) return;
    for (const [id, status] of state.processStatuses) {
      if (status.settledAt !== undefined && status.settledAt < limit) state.processStatuses.delete(id);
    }
  }
}
