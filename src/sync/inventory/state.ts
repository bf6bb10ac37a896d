import type { StoredBase } from './codec.js';

/**
 * What a channel showed at a version, as far as the source of truth has accounted for it. `v = -1`: version unknown.
 *
 * @category Inventory sync
 */
export interface ChannelBase {
  /** Quantity. */
  q: number;
  /** The level's version (`-1`: unknown). */
  v: number;
}

/**
 * The last synced state of one SKU: the source value and each channel's accounted level.
 *
 * @category Inventory sync
 */
export interface BaseRecord {
  /** The source of truth's value after the last sync. */
  s: number;
  /** Per channel name: what it showed, as accounted for in `s`. */
  c: Record<string, ChannelBase>;
}

/**
 * A remote level as read.
 */
export interface Observed {
  q: number;
  v: number;
  at?: string;
}

/**
 * What the engine decided for one SKU in one round.
 */
export interface SkuPlan {
  sku: string;
  /** Source value when read. */
  local: number;
  /** New source value. */
  merged: number;
  sourceDelta: number;
  /** The source delta's idempotency key (empty when the plan does not change the source). */
  key: string;
  /** Why (empty in a real run unless the plan changes the source: then it is the delta's reason). */
  explanation: string;
  observed: Record<string, Observed>;
  targets: Record<string, number>;
  /** Parked as a manual task; nothing is written for it. */
  manual?: string;
  /** A resolved manual task whose value this plan applies. */
  fromTask?: string;
  /** The base the plan was computed from. */
  base?: BaseRecord;
}

/**
 * The write-ahead record of the batch in progress (stored in the flat form of `codec.ts`).
 */
export interface Journal {
  runId: string;
  batch: number;
  round: number;
  /** How many SKUs the batch has (a retry round plans only some of them). */
  size: number;
  /** The batch's last SKU (where a full run continues). */
  last?: string;
  status: 'planned' | 'written';
  plans: SkuPlan[];
  /**
   * How the round names its writes' idempotency keys: `2`, per SKU, channel and round;
   * absent in journals of earlier versions, which named them by the level a write started from.
   */
  keys?: 2;
  /** Written by earlier versions: the bases to save (current ones save them before marking the journal written). */
  bases?: [string, StoredBase][];
  /** Once written: the SKUs to plan again. */
  retry?: string[];
  /** Once written: how many SKUs wait for a manual decision, and the resolved tasks applied. */
  manual?: number;
  tasks?: string[];
}

/**
 * Per-channel counters of a run.
 *
 * @category Inventory sync
 */
export interface ChannelCounters {
  /** Stock writes that succeeded. */
  written: number;
  /** SKUs that already showed the right quantity. */
  unchanged: number;
  /** Writes that went stale (an order came in between) or were not confirmed, and were planned again. */
  stale: number;
  /** Writes the marketplace refused (see `failures`). */
  failed: number;
  /** SKUs the source has but this channel does not list. */
  missing: number;
}

/**
 * The persisted state of a run, so any process can continue it.
 */
export interface RunState {
  runId: string;
  mode: 'full' | 'incremental';
  status: 'running' | 'completed';
  startedAt: string;
  finishedAt?: string;
  /** Next batch to process. */
  batch: number;
  /** Full runs: the last SKU of the previous batch. */
  after?: string;
  /** Full runs: whether the source has no more SKUs. */
  exhausted?: boolean;
  /** Incremental runs: how many stored batches. */
  batches?: number;
  totalSkus?: number;
  /** Cursors to commit when the run completes. */
  cursors?: Record<string, unknown>;
  /** Dirty marks to clear when the run completes (key → value seen). */
  dirty?: Record<string, unknown>;
  counters: RunCounters;
  failures: SyncFailure[];
}

/**
 * The totals of a run so far, as its state keeps them and its report shows them.
 *
 * @category Inventory sync
 */
export interface RunCounters {
  /** SKUs processed. */
  skus: number;
  /** Changes applied to the source of truth (sales and other channel changes). */
  sourceDeltas: number;
  /** Sum of their absolute sizes. */
  sourceUnits: number;
  /** SKUs waiting for a manual decision. */
  manual: number;
  /** Re-read rounds after stale compare-and-set writes. */
  retries: number;
  /** Per channel: writes, unchanged SKUs, stale writes, failures, SKUs not listed there. */
  channels: Record<string, ChannelCounters>;
}

/**
 * Counters of a run that has done nothing yet.
 * @example
 * ```ts
 * const run = { ...state, counters: noCounters() };
 * ```
 */
export function noCounters(): RunCounters {
  return { skus: 0, sourceDeltas: 0, sourceUnits: 0, manual: 0, retries: 0, channels: {} };
}

/**
 * One thing a run could not do, for the report.
 *
 * @category Inventory sync
 */
export interface SyncFailure {
  sku: string;
  /** The channel, when the failure was a write to it. */
  marketplace?: string;
  /** The error code (`not_found`, `validation_failed`, `stale`, ...). */
  code: string;
  message: string;
}

/**
 * Store keys of one sync.
 * @example
 * ```ts
 * const keys = new SyncKeys('tenant-1', 'default'); keys.base('A-1'); // 'sync:tenant-1:default:base:A-1'
 * ```
 */
export class SyncKeys {
  readonly prefix: string;
  constructor(tenantId: string, id: string) {
    this.prefix = `sync:${tenantId}:${id}:`;
  }
  base(sku: string): string {
    // A store keeps one base key per SKU for good; a joined key is one flat string, where a
    // template literal would leave the store holding a rope of its pieces as well.
    return [this.prefix, 'base:', sku].join('');
  }
  get run(): string {
    return `${this.prefix}run`;
  }
  get journal(): string {
    return `${this.prefix}journal`;
  }
  batch(runId: string, index: number): string {
    return `${this.prefix}batch:${runId}:${index}`;
  }
  cursor(name: string): string {
    return `${this.prefix}cursor:${name}`;
  }
  get dirtyPrefix(): string {
    return `${this.prefix}dirty:`;
  }
  dirty(sku: string): string {
    return `${this.dirtyPrefix}${sku}`;
  }
  get lease(): string {
    return `${this.prefix}lease`;
  }
}
