import type { AdapterMode, ConnectionInfo } from './connections.js';

/**
 * What `RealWorldAdapter.getHealthStatus()` returns.
 *
 * @example
 * ```ts
 * const health: AdapterHealth = await adapter.getHealthStatus();
 * if (!health.healthy) alert(health.connections.filter((c) => !c.ok));
 * ```
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

