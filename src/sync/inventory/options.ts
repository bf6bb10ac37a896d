import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { Context } from '../../core/context.js';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import type { MaybePromise } from '../../core/types.js';
import type { ConflictResolver } from '../resolver/conflict-resolver.js';
import type { AllocationMode } from './allocation.js';
import type { InventorySource } from './source.js';

/**
 * How the engine writes stock to a channel:
 * - `compare-and-set`: absolute set with the version it read; a sale in between fails the
 *   write, the engine re-reads and decides again (the default where the platform can);
 * - `adjust`: relative change with an idempotency key (the default otherwise, when replays are safe);
 * - `set`: plain absolute set (last resort; a sale between read and write can be overwritten).
 *
 * @category Inventory sync
 */
export type WriteMode = 'compare-and-set' | 'adjust' | 'set';

/**
 * One marketplace the engine keeps in step with the source of truth.
 *
 * @category Inventory sync
 */
export interface SyncChannel {
  /** Any connector (or the simulated marketplace). */
  marketplace: BaseMarketplaceAPI;
  /** A stable name for cursors and reports (default: `marketplace.platform`). */
  name?: string;
  /** The location to sync (default: the marketplace's default location). */
  locationId?: string;
  /**
   * The last units this channel never shows, a number or per SKU: it shows at most the stock it
   * may see (less other channels' reservations) minus this. In `split` allocation a unit it
   * may not show goes to a channel that may.
   */
  safetyStock?: number | ((sku: string) => number);
  /** Units set aside for this channel only: per SKU. */
  reserved?: (sku: string) => number;
  /** Relative share in `split` allocation (default 1). */
  weight?: number;
  /** Force a write mode (default: the best the marketplace's capabilities allow). */
  writeMode?: WriteMode;
}

/**
 * An internal point of a sync run. The `onStep` hook sees each one; tests throw from it to
 * simulate a crash exactly there. Per round, in order: `planned`, `journaled`,
 * `source_applied`, `before_write` (before each write call), `bases_saved` (the round's bases
 * are stored; the journal does not yet say the round was written), `written`; per batch,
 * `checkpointed` last.
 *
 * @category Inventory sync
 */
export interface SyncStep {
  name: 'planned' | 'journaled' | 'source_applied' | 'before_write' | 'written' | 'bases_saved' | 'checkpointed';
  runId: string;
  batch: number;
  marketplace?: string;
}

/**
 * Options of {@link InventorySyncEngine}. Validated once; every problem is reported together.
 *
 * @example
 * ```ts
 * const options: InventorySyncOptions = {
 *   source, channels: [{ marketplace: shopify }, { marketplace: amazon, safetyStock: 1 }],
 *   context: { store, clock },
 * };
 * ```
 *
 * @category Inventory sync
 */
export interface InventorySyncOptions {
  /** The host's source of truth. */
  source: InventorySource;
  /** The marketplaces (at least one, unique names). */
  channels: SyncChannel[];
  /** Names this sync's state in the store (default `default`). */
  id?: string;
  /** Store, lock, clock, events, scheduler, tenant (defaults as in `createContext`) and logger (default: `consoleWarningLogger`, warnings printed). */
  context?: Context;
  /** How stock is spread across channels (default `split`). */
  allocation?: AllocationMode;
  /** SKUs per batch (default: the smallest `maxBatchSize` of the channels' writes, else 100). */
  batchSize?: number;
  /** Decides quantity conflicts (default: three-way `merge`). */
  resolver?: ConflictResolver;
  /** How long a run's lease lasts without progress (default 60,000 ms). */
  leaseTtlMs?: number;
  /** Re-read rounds for SKUs whose compare-and-set went stale (default 5). */
  maxStaleRetries?: number;
  /** Called at every internal step; throwing from it stops the run as a crash would. */
  onStep?: (step: SyncStep) => MaybePromise<void>;
}

/**
 * Checks options, collecting every problem.
 * @example
 * ```ts
 * validateSyncOptions({ source, channels: [{ marketplace: shop }] }); // throws ValidationError listing every problem
 * ```
 */
export function validateSyncOptions(options: InventorySyncOptions): void {
  const issues: ValidationIssue[] = [];
  const o = (options ?? {}) as Partial<InventorySyncOptions>;
  const source = o.source as Partial<InventorySource> | undefined;
  for (const method of ['listSkus', 'getLevels', 'applyDeltas', 'changes'] as const) {
    if (typeof source?.[method] !== 'function')
      issues.push({ path: ['source', method], message: `The source must implement ${method}().` });
  }
  if (!Array.isArray(o.channels) || o.channels.length === 0)
    issues.push({ path: ['channels'], message: 'Give at least one channel.' });
  const names = new Set<string>();
  (Array.isArray(o.channels) ? o.channels : []).forEach((channel, i) => {
    const api = channel?.marketplace;
    if (!api || typeof api.getInventory !== 'function') {
      issues.push({ path: ['channels', i, 'marketplace'], message: 'Expected a BaseMarketplaceAPI instance.' });
      return;
    }
    const name = channel.name ?? api.platform;
    if (names.has(name))
      issues.push({
        path: ['channels', i, 'name'],
        message: `Channel name ${name} is used twice; give each channel a unique name.`,
      });
    names.add(name);
    if (!/^[A-Za-z0-9._-]+$/.test(name))
      issues.push({ path: ['channels', i, 'name'], message: 'Use letters, digits, dot, dash and underscore.' });
    if (!api.capabilities.supports('getInventory'))
      issues.push({ path: ['channels', i], message: `${name} cannot read stock (getInventory).` });
    const mode = channel.writeMode;
    if (mode !== undefined && !['compare-and-set', 'adjust', 'set'].includes(mode))
      issues.push({ path: ['channels', i, 'writeMode'], message: 'Use compare-and-set, adjust or set.' });
    if (
      mode === 'adjust'
        ? !api.capabilities.supports('adjustInventory')
        : !api.capabilities.supports('setInventory') && !api.capabilities.supports('adjustInventory')
    ) {
      issues.push({ path: ['channels', i], message: `${name} cannot write stock in the requested way.` });
    }
    if (
      typeof channel.safetyStock === 'number' &&
      (!Number.isSafeInteger(channel.safetyStock) || channel.safetyStock < 0)
    ) {
      issues.push({ path: ['channels', i, 'safetyStock'], message: 'Expected a whole number >= 0.' });
    }
    if (channel.weight !== undefined && !(Number.isFinite(channel.weight) && channel.weight >= 0))
      issues.push({ path: ['channels', i, 'weight'], message: 'Expected a number >= 0.' });
  });
  if (o.allocation !== undefined && o.allocation !== 'split' && o.allocation !== 'shared')
    issues.push({ path: ['allocation'], message: 'Use split or shared.' });
  for (const key of ['batchSize', 'leaseTtlMs'] as const) {
    const value = o[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0))
      issues.push({ path: [key], message: 'Expected a positive whole number.' });
  }
  if (o.maxStaleRetries !== undefined && !(Number.isSafeInteger(o.maxStaleRetries) && o.maxStaleRetries >= 0))
    issues.push({ path: ['maxStaleRetries'], message: 'Expected a whole number >= 0.' });
  if (o.id !== undefined && !/^[A-Za-z0-9._-]+$/.test(o.id))
    issues.push({ path: ['id'], message: 'Use letters, digits, dot, dash and underscore.' });
  if (issues.length > 0) throw new ValidationError('InventorySyncEngine options', issues);
}

/**
 * The write mode a channel gets.
 * @example
 * ```ts
 * writeModeOf({ marketplace: shop }); // 'compare-and-set' when shop.capabilities.inventoryCompareAndSet
 * ```
 */
export function writeModeOf(channel: SyncChannel): WriteMode {
  if (channel.writeMode) return channel.writeMode;
  const capabilities = channel.marketplace.capabilities;
  if (capabilities.inventoryCompareAndSet && capabilities.supports('setInventory')) return 'compare-and-set';
  if (capabilities.idempotentAdjustments && capabilities.supports('adjustInventory')) return 'adjust';
  return capabilities.supports('setInventory') ? 'set' : 'adjust';
}
