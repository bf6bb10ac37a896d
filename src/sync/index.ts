/**
 * Moving data between marketplaces: the data mapper, the conflict resolver, the inventory sync
 * engine that never oversells, and the streamed batch importer.
 *
 * @example
 * ```ts
 * import { InventorySyncEngine } from 'marketbridge/sync';
 * ```
 *
 * @module marketbridge/sync
 */
export { mergeQuantities, type QuantityMerge, type QuantityMergeInput } from './resolver/merge.js';
export type {
  Conflict,
  ConflictSide,
  Resolution,
  ResolutionWinner,
  CustomDecision,
  CustomStrategy,
  StrategyName,
  Strategy,
  ConflictFailure,
  ConflictFailureReason,
} from './resolver/types.js';
export { ManualTaskStore, type ManualTask, type ManualTaskFailureReason } from './resolver/manual-tasks.js';
export { ConflictResolver, type ConflictResolverOptions } from './resolver/conflict-resolver.js';
export type { InventorySource, SourceLevel, SourceDelta, SourceChanges } from './inventory/source.js';
export { InMemoryInventorySource } from './inventory/memory-source.js';
export { allocate, type AllocationMode, type ChannelShare } from './inventory/allocation.js';
export type { InventorySyncOptions, SyncChannel, SyncStep, WriteMode } from './inventory/options.js';
export type {
  SyncReport,
  SyncPlan,
  PlannedChange,
  ChannelCounters,
  RunCounters,
  SyncFailure,
} from './inventory/report.js';
export type { BaseRecord, ChannelBase } from './inventory/state.js';
export {
  InventorySyncEngine,
  SYNC_CONTINUE_JOB,
  SYNC_RUN_JOB,
  type SyncRunOptions,
  type StockNotification,
} from './inventory/engine.js';
export { runSync, continueSync } from './inventory/jobs.js';
export {
  importRecords,
  type ImportOptions,
  type ImportReport,
  type ImportChunk,
  type ImportRejection,
} from './import/importer.js';
export { ImportFormatError, type ImportFormatReason, type ImportFormatPosition } from './import/import-format-error.js';
export type { ImportInput } from './import/text.js';
export type { CsvOptions } from './import/csv.js';
export { DataMapper, parseWith, type DataMapperOptions } from './mapper/data-mapper.js';
export type {
  PlatformMapper,
  MappingContext,
  MappingFailure,
  MappingFailureReason,
  MappingIssue,
  MarketplaceDefaults,
  FieldMapping,
} from './mapper/types.js';
export type { ColumnMapping } from './mapper/paths.js';
