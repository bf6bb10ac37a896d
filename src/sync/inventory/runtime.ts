import type { BaseMarketplaceAPI } from '../../core/base-marketplace-api.js';
import type { ResolvedContext } from '../../core/context.js';
import type { ConflictResolver } from '../resolver/conflict-resolver.js';
import type { AllocationMode, ChannelShare } from './allocation.js';
import type { SyncStep, WriteMode } from './options.js';
import type { InventorySource } from './source.js';
import type { SyncKeys } from './state.js';

/**
 * A channel with its defaults resolved.
 */
export interface ResolvedChannel {
  name: string;
  api: BaseMarketplaceAPI;
  locationId?: string;
  mode: WriteMode;
  maxBatch: number;
  share(sku: string): ChannelShare;
}

/**
 * Everything the planning and writing steps share.
 */
export interface SyncRuntime {
  id: string;
  context: ResolvedContext;
  source: InventorySource;
  channels: ResolvedChannel[];
  keys: SyncKeys;
  allocation: AllocationMode;
  resolver?: ConflictResolver;
  maxStaleRetries: number;
  step(step: SyncStep): Promise<void>;
  signal?: AbortSignal;
}
