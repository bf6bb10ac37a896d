import { LRUCache } from 'lru-cache';
import { systemClock, type Clock } from '../../../core/clock.js';
import { ValidationError, type ValidationIssue } from '../../../core/errors/validation-error.js';
import type { CatalogRecord } from '../mapper.js';
import { scoreRecord, type QualityWeights } from './quality.js';
import type { CatalogResult, CatalogSource, CatalogSourceStats, CatalogStats } from './types.js';

interface Entry {
  record: CatalogRecord;
  source: string;
  fetchedAt: number;
  ttlMs: number;
  accuracy: number;
}

/**
 * Options of {@link CatalogDataOrchestrator}.
 *
 * @example
 * ```ts
 * const options: CatalogOrchestratorOptions = { sources: [creators, spApi], clock, maxEntries: 50_000, staleIfErrorMs: 86_400_000 };
 * ```
 *
 * @category Operations
 */
export interface CatalogOrchestratorOptions {
  /** Sources in order of preference. */
  sources: readonly CatalogSource[];
  clock?: Clock;
  /** Most records kept in the cache (least recently used go first). Default 10,000. */
  maxEntries?: number;
  /** How long past its TTL a record may still be served when every source fails. Default 24 h. */
  staleIfErrorMs?: number;
  /** Weights of the quality score. */
  weights?: QualityWeights;
  /**
   * The lowest quality a fetched record may have to be accepted and cached, 0 to 1 (compared
   * with `quality.score / 100` at fetch time). A record below it falls through to the next
   * source as if the source did not know the id. Default 0.7; 0 accepts everything.
   */
  minQuality?: number;
}

/**
 * API-first product data with fallbacks: asks the sources in order (Creators API, SP-API
 * Catalog Items, whatever the host registers), serves cached records first, batches each
 * source's share to its maximum, falls through to the next source for ids a source does not
 * know, when it fails, when its record scores below `minQuality` (0.7 by default) or when its
 * daily quota is spent, serves stale records when every source fails (stale-if-error), scores
 * each record's quality, and keeps per-source statistics. No scraping.
 *
 * @example
 * ```ts
 * const catalog = new CatalogDataOrchestrator({ sources: [creatorsSource(creators), spApiCatalogSource(amazon.client)], clock });
 * const results = await catalog.getMany(['B07N4M94X4', 'B0TEAPOT01']);
 * ```
 *
 * @category Operations
 */
export class CatalogDataOrchestrator {
  readonly #sources: CatalogSource[] = [];
  readonly #clock: Clock;
  readonly #cache: LRUCache<string, Entry>;
  readonly #staleIfErrorMs: number;
  readonly #weights: QualityWeights | undefined;
  readonly #minQuality: number;
  readonly #stats = new Map<string, CatalogSourceStats & { totalLatencyMs: number; day: number }>();
  readonly #cacheStats = { hits: 0, misses: 0, staleServed: 0 };

  /** @param options - sources, clock, cache size and stale-if-error window */
  constructor(options: CatalogOrchestratorOptions) {
    this.#clock = options.clock ?? systemClock;
    this.#staleIfErrorMs = options.staleIfErrorMs ?? 86_400_000;
    this.#weights = options.weights;
    const minQuality = options.minQuality ?? 0.7;
    if (!(minQuality >= 0 && minQuality <= 1))
      throw new ValidationError('catalog orchestrator options', [
        { path: ['minQuality'], message: `Expected a number from 0 to 1, got ${options.minQuality}.` },
      ]);
    this.#minQuality = minQuality;
    const clock = this.#clock;
    // The cache keeps a record for its source's TTL plus the stale-if-error window, on our clock.
    this.#cache = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 10_000,
      ttlResolution: 0,
      perf: { now: () => clock.now() },
    });
    for (const source of options.sources) this.register(source);
  }

  /** Adds a source at the end (or first), checking its settings. */
  register(source: CatalogSource, options: { first?: boolean } = {}): void {
    const issues: ValidationIssue[] = [];
    if (!source?.name) issues.push({ path: ['name'], message: 'A source needs a name.' });
    if (this.#sources.some((known) => known.name === source?.name))
      issues.push({ path: ['name'], message: `A source named ${source.name} is registered already.` });
    if (!Number.isInteger(source?.maxBatch) || source.maxBatch < 1)
      issues.push({ path: ['maxBatch'], message: 'Expected a positive integer.' });
    if (!(source?.ttlMs > 0)) issues.push({ path: ['ttlMs'], message: 'Expected a positive number of milliseconds.' });
    if (!(source?.accuracy >= 0 && source.accuracy <= 1))
      issues.push({ path: ['accuracy'], message: 'Expected a number from 0 to 1.' });
    if (typeof source?.fetch !== 'function')
      issues.push({ path: ['fetch'], message: 'Expected a function (ids) => Promise<Map<id, record>>.' });
    if (source?.dailyQuota !== undefined && !(Number.isInteger(source.dailyQuota) && source.dailyQuota >= 1))
      issues.push({ path: ['dailyQuota'], message: 'Expected a positive whole number of calls per day.' });
    if (issues.length > 0) throw new ValidationError(`catalog source ${source?.name ?? ''}`, issues);
    if (options.first) this.#sources.unshift(source);
    else this.#sources.push(source);
    this.#stats.set(source.name, {
      calls: 0,
      requested: 0,
      found: 0,
      failures: 0,
      belowQuality: 0,
      quotaSkipped: 0,
      callsToday: 0,
      avgLatencyMs: 0,
      totalLatencyMs: 0,
      day: -1,
    });
  }

  /** One item, or `undefined` when no source knows it. */
  async get(id: string, options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<CatalogResult | undefined> {
    return (await this.getMany([id], options)).get(id);
  }

  /** Many items: fresh cache entries first, then each source in order for the rest, batched. */
  async getMany(
    ids: readonly string[],
    options: { signal?: AbortSignal; refresh?: boolean } = {},
  ): Promise<Map<string, CatalogResult>> {
    const now = this.#clock.now();
    const results = new Map<string, CatalogResult>();
    let pending: string[] = [];
    for (const id of new Set(ids)) {
      const entry = options.refresh ? undefined : this.#cache.get(id);
      if (entry && now - entry.fetchedAt < entry.ttlMs) {
        this.#cacheStats.hits++;
        results.set(id, this.#result(entry, now, { cached: true, stale: false }));
      } else {
        this.#cacheStats.misses++;
        pending.push(id);
      }
    }
    const failedFor = new Set<string>();
    for (const source of this.#sources) {
      if (pending.length === 0) break;
      const stats = this.#stats.get(source.name)!;
      const notFound: string[] = [];
      for (let start = 0; start < pending.length; start += source.maxBatch) {
        const chunk = pending.slice(start, start + source.maxBatch);
        if (!this.#spendQuota(source, stats)) {
          stats.quotaSkipped += chunk.length;
          notFound.push(...chunk);
          continue;
        }
        const began = this.#clock.now();
        stats.calls++;
        stats.requested += chunk.length;
        try {
          const found = await source.fetch(chunk, options.signal);
          this.#latency(stats, began);
          const fetchedAt = this.#clock.now();
          for (const id of chunk) {
            const record = found.get(id);
            if (!record) {
              notFound.push(id);
              continue;
            }
            stats.found++;
            const entry: Entry = {
              record: { ...record, id },
              source: source.name,
              fetchedAt,
              ttlMs: source.ttlMs,
              accuracy: source.accuracy,
            };
            const result = this.#result(entry, fetchedAt, { cached: false, stale: false });
            if (result.quality.score / 100 < this.#minQuality) {
              stats.belowQuality++;
              notFound.push(id);
              continue;
            }
            this.#cache.set(id, entry, { ttl: source.ttlMs + this.#staleIfErrorMs });
            results.set(id, result);
          }
        } catch (error) {
          if (options.signal?.aborted) throw error;
          this.#latency(stats, began);
          stats.failures++;
          stats.lastError = error instanceof Error ? error.message : String(error);
          for (const id of chunk) failedFor.add(id);
          notFound.push(...chunk);
        }
      }
      pending = notFound;
    }
    for (const id of pending) {
      const entry = this.#cache.get(id, { allowStale: true });
      if (entry && failedFor.has(id)) {
        this.#cacheStats.staleServed++;
        results.set(id, this.#result(entry, this.#clock.now(), { cached: true, stale: true }));
      } else if (entry && !failedFor.has(id)) this.#cache.delete(id);
    }
    return new Map(ids.filter((id) => results.has(id)).map((id) => [id, results.get(id)!]));
  }

  /** Drops one record, or everything. */
  invalidate(id?: string): void {
    if (id === undefined) this.#cache.clear();
    else this.#cache.delete(id);
  }

  /** Cache and per-source statistics. */
  stats(): CatalogStats {
    const sources: Record<string, CatalogSourceStats> = {};
    const today = Math.floor(this.#clock.now() / 86_400_000);
    for (const [name, { totalLatencyMs: _total, day, ...stats }] of this.#stats)
      sources[name] = { ...stats, callsToday: day === today ? stats.callsToday : 0 };
    return { cache: { ...this.#cacheStats, size: this.#cache.size }, sources };
  }

  /** Counts one call against the source's daily quota; false when today's quota is spent. */
  #spendQuota(source: CatalogSource, stats: { callsToday: number; day: number }): boolean {
    const today = Math.floor(this.#clock.now() / 86_400_000);
    if (stats.day !== today) {
      stats.day = today;
      stats.callsToday = 0;
    }
    if (source.dailyQuota !== undefined && stats.callsToday >= source.dailyQuota) return false;
    stats.callsToday++;
    return true;
  }

  #latency(stats: CatalogSourceStats & { totalLatencyMs: number }, began: number): void {
    stats.totalLatencyMs += this.#clock.now() - began;
    stats.avgLatencyMs = stats.totalLatencyMs / stats.calls;
  }

  #result(entry: Entry, now: number, flags: { cached: boolean; stale: boolean }): CatalogResult {
    const quality = scoreRecord(
      entry.record,
      { accuracy: entry.accuracy, ageMs: now - entry.fetchedAt, ttlMs: entry.ttlMs },
      this.#weights,
    );
    return { record: entry.record, source: entry.source, fetchedAt: entry.fetchedAt, ...flags, quality };
  }
}
