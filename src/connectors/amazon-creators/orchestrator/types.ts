import type { CatalogRecord } from '../mapper.js';

/**
 * A place product data comes from: the Creators API, the SP-API Catalog Items API, or any
 * source the host registers (its own PIM, a partner feed). No scraping.
 *
 * @category Operations
 */
export interface CatalogSource {
  /** Unique name, used in results and statistics. */
  readonly name: string;
  /** The most ids one `fetch` call takes. */
  readonly maxBatch: number;
  /** How long its data stays fresh in the cache (ms). */
  readonly ttlMs: number;
  /** How much its data is trusted, 0 to 1 (feeds the quality score). */
  readonly accuracy: number;
  /**
   * Most `fetch` calls per UTC day (on the orchestrator's clock), e.g. the Creators API's
   * requests per day. Once spent, the source is skipped (its ids fall through to the next
   * source) until the next day. Default: no limit.
   */
  readonly dailyQuota?: number;
  /** The records it knows among `ids`; unknown ids are simply missing. Throws when the source fails. */
  fetch(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, CatalogRecord>>;
}

/**
 * How good a record is: completeness of its fields, its source's accuracy and its freshness,
 * each 0 to 1, and a 0–100 score that weighs them.
 *
 * @category Operations
 */
export interface CatalogQuality {
  score: number;
  completeness: number;
  accuracy: number;
  freshness: number;
}

/**
 * One item the orchestrator returns.
 *
 * @category Operations
 */
export interface CatalogResult {
  record: CatalogRecord;
  /** The source the record came from. */
  source: string;
  /** When it was fetched (epoch ms). */
  fetchedAt: number;
  /** True when it is past its TTL and served because every source failed (stale-if-error). */
  stale: boolean;
  /** True when it came from the cache. */
  cached: boolean;
  quality: CatalogQuality;
}

/**
 * What one source did so far.
 *
 * @category Operations
 */
export interface CatalogSourceStats {
  /** `fetch` calls made. */
  calls: number;
  /** Ids asked for. */
  requested: number;
  /** Ids it returned. */
  found: number;
  /** `fetch` calls that threw. */
  failures: number;
  /** Records it returned that scored below the orchestrator's `minQuality` (not accepted, not cached). */
  belowQuality: number;
  /** Ids not asked of it because its `dailyQuota` was spent. */
  quotaSkipped: number;
  /** `fetch` calls made today (UTC, on the orchestrator's clock). */
  callsToday: number;
  /** Mean `fetch` time (ms, on the injected clock). */
  avgLatencyMs: number;
  /** The message of the last failure. */
  lastError?: string;
}

/**
 * Cache and per-source statistics.
 *
 * @category Operations
 */
export interface CatalogStats {
  cache: { hits: number; misses: number; staleServed: number; size: number };
  sources: Record<string, CatalogSourceStats>;
}
