import { createContext, type ResolvedContext } from '../../core/context.js';
import { consoleWarningLogger } from '../../core/logger.js';
import type { ChannelShare } from './allocation.js';
import type { LockHandle } from '../../stores/lock.js';
import { validateSyncOptions, writeModeOf, type InventorySyncOptions, type SyncStep } from './options.js';
import { processBatch } from './batch.js';
import { decodeBase, decodeJournal } from './codec.js';
import { dryRun } from './dry-run.js';
import { toReport, type SyncPlan, type SyncReport } from './report.js';
import { completeRun, nextBatch, startRun } from './runs.js';
import type { ResolvedChannel, SyncRuntime } from './runtime.js';
import { SyncKeys, type BaseRecord, type RunState } from './state.js';

/**
 * The job name the engine schedules when a run stops at `maxBatches` with work left; the host's
 * worker calls {@link continueSync} for it.
 *
 * @example
 * ```ts
 * if (job.name === SYNC_CONTINUE_JOB) await continueSync(engine);
 * ```
 *
 * @category Inventory sync
 */
export const SYNC_CONTINUE_JOB = 'marketbridge.sync.continue';

/**
 * The job name `notify()` schedules (debounced) after a webhook marks SKUs dirty; the host's
 * worker calls {@link runSync} for it.
 *
 * @example
 * ```ts
 * if (job.name === SYNC_RUN_JOB) await runSync(engine, { mode: 'incremental' });
 * ```
 *
 * @category Inventory sync
 */
export const SYNC_RUN_JOB = 'marketbridge.sync.run';

/**
 * Options of one `runSync`/`continueSync` call.
 *
 * @example
 * ```ts
 * await engine.runSync({ mode: 'full', maxBatches: 20, signal: AbortSignal.timeout(25_000) });
 * ```
 *
 * @category Inventory sync
 */
export interface SyncRunOptions {
  /** `incremental` (default) looks only at what changed; `full` at every SKU. The first run is always full. */
  mode?: 'full' | 'incremental';
  /** Stop after this many batches and schedule the rest (default: no limit). */
  maxBatches?: number;
  /** Cancels the run between (and inside) steps; it can be continued later. */
  signal?: AbortSignal;
}

/**
 * A webhook or notification about stock: from a marketplace (`marketplace` set) or from the
 * host's own system (`marketplace` omitted).
 *
 * @category Inventory sync
 */
export interface StockNotification {
  sku: string;
  marketplace?: string;
  /** The quantity the notification reports, used to recognise echoes of our own writes. */
  available?: number;
  version?: number;
}

/**
 * Keeps stock in step between the host's source of truth and any number of marketplaces,
 * without losing or doubling an update and without overselling:
 * - sales and other changes on each channel are found by comparing with the last synced
 *   state, merged three ways into the source of truth (idempotent per change), and pushed to
 *   every channel (`split` allocation never shows more in total than there is);
 * - writes use compare-and-set where the marketplace has it (a sale in between makes the engine
 *   re-read and decide again), else idempotent adjustments; decreases go before increases;
 * - every batch is journaled before its first side effect and checkpointed after it commits, so
 *   a run killed anywhere is resumed by any process that gets the lease, with nothing lost or
 *   applied twice.
 *
 * @example
 * ```ts
 * const engine = new InventorySyncEngine({
 *   source: new InMemoryInventorySource({ 'A-1': 10 }),
 *   channels: [{ marketplace: shop }, { marketplace: market, safetyStock: 1 }],
 *   context: { store, clock },
 * });
 * const report = await engine.runSync();
 * console.log(report.status, report.channels);
 * ```
 *
 * @category Inventory sync
 */
export class InventorySyncEngine {
  /** The id that names this sync's state in the store. */
  readonly id: string;
  /** The resolved context (store, lock, clock, events, scheduler). */
  readonly context: ResolvedContext;
  readonly #options: InventorySyncOptions;
  readonly #channels: ResolvedChannel[];
  readonly #keys: SyncKeys;
  readonly #batchSize: number;

  /** @param options - validated once; every problem is reported together */
  constructor(options: InventorySyncOptions) {
    validateSyncOptions(options);
    this.#options = options;
    this.id = options.id ?? 'default';
    // Warnings (channels that list none of the SKUs, writes whose outcome was unknown) must not
    // vanish: without a logger of its own the engine prints them.
    this.context = createContext({ ...options.context, logger: options.context?.logger ?? consoleWarningLogger });
    this.#keys = new SyncKeys(this.context.tenantId, this.id);
    this.#channels = options.channels.map((channel) => {
      const mode = writeModeOf(channel);
      const declared =
        channel.marketplace.capabilities.maxBatchSize[mode === 'adjust' ? 'adjustInventory' : 'setInventory'];
      const safety = channel.safetyStock;
      return {
        name: channel.name ?? channel.marketplace.platform,
        api: channel.marketplace,
        ...(channel.locationId === undefined ? {} : { locationId: channel.locationId }),
        mode,
        maxBatch: Math.max(1, declared ?? 100),
        // Without per-SKU functions every SKU gets the same share: one object, not one per SKU.
        share:
          typeof safety !== 'function' && !channel.reserved
            ? (
                (fixed: ChannelShare) => () =>
                  fixed
              )({ safetyStock: safety ?? 0, reserved: 0, weight: channel.weight ?? 1 })
            : (sku: string) => ({
                safetyStock: typeof safety === 'function' ? safety(sku) : (safety ?? 0),
                reserved: channel.reserved?.(sku) ?? 0,
                weight: channel.weight ?? 1,
              }),
      };
    });
    this.#batchSize = options.batchSize ?? Math.min(...this.#channels.map((channel) => channel.maxBatch));
  }

  /** Channel names, in the order given. */
  get channels(): string[] {
    return this.#channels.map((channel) => channel.name);
  }

  /** Continues an unfinished run, or starts a new one. */
  async runSync(options: SyncRunOptions = {}): Promise<SyncReport> {
    return this.#advance(options, true);
  }

  /** Continues an unfinished run; reports `idle` if there is none. */
  async continueSync(options: Omit<SyncRunOptions, 'mode'> = {}): Promise<SyncReport> {
    return this.#advance(options, false);
  }

  /** The state of the current or last run. */
  async status(): Promise<SyncReport> {
    const run = (await this.context.store.get<RunState>(this.#keys.run)) ?? undefined;
    return toReport(this.id, run ? (run.status === 'completed' ? 'completed' : 'in_progress') : 'idle', run);
  }

  /** The last synced state of a SKU: the source value and each channel's (for diagnostics). */
  async base(sku: string): Promise<BaseRecord | undefined> {
    return decodeBase(await this.context.store.get(this.#keys.base(sku)));
  }

  /** Dry run: every change a run with the same options would make, nothing written (no store, source or channel writes). */
  async plan(options: Omit<SyncRunOptions, 'maxBatches'> = {}): Promise<SyncPlan> {
    return dryRun(this.#runtime(options.signal), options.mode, this.#batchSize);
  }

  /**
   * Handles a stock webhook: an echo of the engine's own write is ignored (`'echo'`); anything
   * else marks the SKU for the next incremental run and schedules it after `debounceMs`.
   */
  async notify(notification: StockNotification, options: { debounceMs?: number } = {}): Promise<'echo' | 'queued'> {
    const { sku, marketplace, available, version } = notification;
    if (
      marketplace !== undefined &&
      available !== undefined &&
      (await this.#isEcho(sku, marketplace, available, version))
    )
      return 'echo';
    await this.context.store.set(this.#keys.dirty(sku), crypto.randomUUID());
    await this.context.scheduler.schedule({
      name: SYNC_RUN_JOB,
      payload: { syncId: this.id, tenantId: this.context.tenantId, mode: 'incremental' },
      runAt: this.context.clock.now() + (options.debounceMs ?? 1_000),
      key: `${this.#keys.prefix}run`,
    });
    return 'queued';
  }

  async #isEcho(sku: string, marketplace: string, available: number, version: number | undefined): Promise<boolean> {
    const known = (await this.base(sku))?.c[marketplace];
    if (known && known.q === available && (version === undefined || known.v === -1 || known.v === version)) return true;
    const journal = decodeJournal(await this.context.store.get(this.#keys.journal));
    return journal?.plans.some((plan) => plan.sku === sku && plan.targets[marketplace] === available) ?? false;
  }

  #runtime(signal: AbortSignal | undefined): SyncRuntime {
    const hook = this.#options.onStep;
    const rt: SyncRuntime = {
      id: this.id,
      context: this.context,
      source: this.#options.source,
      channels: this.#channels,
      keys: this.#keys,
      allocation: this.#options.allocation ?? 'split',
      maxStaleRetries: this.#options.maxStaleRetries ?? 5,
      step: async (step: SyncStep) => {
        signal?.throwIfAborted();
        if (hook) await hook(step);
      },
    };
    if (this.#options.resolver) rt.resolver = this.#options.resolver;
    if (signal) rt.signal = signal;
    return rt;
  }

  async #advance(options: SyncRunOptions, start: boolean): Promise<SyncReport> {
    const ttl = this.#options.leaseTtlMs ?? 60_000;
    let lease: LockHandle | undefined = await this.context.lock.acquire(this.#keys.lease, ttl);
    if (!lease) return toReport(this.id, 'busy', (await this.context.store.get<RunState>(this.#keys.run)) ?? undefined);
    const rt = this.#runtime(options.signal);
    try {
      let run = (await this.context.store.get<RunState>(this.#keys.run)) ?? undefined;
      if (!run || run.status === 'completed') {
        if (!start) return toReport(this.id, 'idle', run);
        run = await startRun(rt, options.mode ?? 'incremental', this.#batchSize);
      }
      for (let done = 0; ; done++) {
        if (options.maxBatches !== undefined && done >= options.maxBatches) {
          await this.context.scheduler.schedule({
            name: SYNC_CONTINUE_JOB,
            payload: { syncId: this.id, tenantId: this.context.tenantId },
            key: `${this.#keys.prefix}continue`,
          });
          return toReport(this.id, 'in_progress', run);
        }
        const journal = decodeJournal(await this.context.store.get(this.#keys.journal));
        const resumable = journal && journal.runId === run.runId && journal.batch === run.batch ? journal : undefined;
        const skus = resumable ? undefined : await nextBatch(rt, run, this.#batchSize);
        if (!resumable && !skus) {
          run = await completeRun(rt, run);
          this.context.events.emit('syncProgress', {
            runId: run.runId,
            phase: 'completed',
            done: run.counters.skus,
            ...(run.totalSkus === undefined ? {} : { total: run.totalSkus }),
          });
          return toReport(this.id, 'completed', run);
        }
        run = await processBatch(rt, run, skus ?? [], resumable);
        lease = (await this.context.lock.extend(lease, ttl)) ?? undefined;
        if (!lease) return toReport(this.id, 'busy', run);
      }
    } finally {
      if (lease) await this.context.lock.release(lease);
    }
  }
}
