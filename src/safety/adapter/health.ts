import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { AdapterMode, ConnectionInfo } from './connections.js';
import type { ExecutionReport } from './report.js';

/**
 * What `RealWorldAdapter.getHealthStatus()` returns.
 *
 * @example
 * ```ts
 * const health: AdapterHealth = await adapter.getHealthStatus();
 * if (!health.healthy) alert(health.connections.filter((c) => !c.ok));
 * ```
 *
 * @category Real-world adapter
 */
export interface AdapterHealth {
  mode: AdapterMode;
  /** True when every connection answered. */
  healthy: boolean;
  checkedAt: string;
  /** `skipped` when an adapter-wide opt-out is in force. */
  validation: 'enforced' | 'skipped';
  connections: (ConnectionInfo & { ok: boolean; latencyMs?: number; message?: string })[];
  counters: { executed: number; applied: number; blocked: number; rolledBack: number; failed: number; dryRuns: number };
  lastSyncAt?: string;
}

/**
 * The adapter's execution counters: every outcome but a dry run counts as executed.
 *
 * @example
 * ```ts
 * const counters = new ExecutionCounters();
 * counters.count('applied');
 * counters.snapshot().executed; // 1
 * ```
 */
export class ExecutionCounters {
  readonly #counts: AdapterHealth['counters'] = {
    executed: 0,
    applied: 0,
    blocked: 0,
    rolledBack: 0,
    failed: 0,
    dryRuns: 0,
  };

  /** Counts one outcome. */
  count(status: ExecutionReport['status']): void {
    if (status === 'dry_run') {
      this.#counts.dryRuns++;
      return;
    }
    this.#counts.executed++;
    if (status === 'applied') this.#counts.applied++;
    if (status === 'blocked') this.#counts.blocked++;
    if (status === 'rolled_back') this.#counts.rolledBack++;
    if (status === 'failed') this.#counts.failed++;
  }

  /** A copy of the counts. */
  snapshot(): AdapterHealth['counters'] {
    return { ...this.#counts };
  }
}

/**
 * Runs each connection's health check; a check that throws counts as unhealthy with its message.
 *
 * @example
 * ```ts
 * const connections = await checkConnections([{ info, api }]);
 * ```
 */
export async function checkConnections(
  connections: Iterable<{ info: ConnectionInfo; api: BaseMarketplaceAPI }>,
): Promise<AdapterHealth['connections']> {
  const out: AdapterHealth['connections'] = [];
  for (const { info, api } of connections) {
    try {
      const health = await api.healthCheck();
      out.push({
        ...info,
        ok: health.ok,
        latencyMs: health.latencyMs,
        ...(health.message === undefined ? {} : { message: health.message }),
      });
    } catch (error) {
      out.push({ ...info, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
