import { systemClock, type Clock } from '../../core/clock.js';
import type { InventorySource, SourceChanges, SourceDelta, SourceLevel } from './source.js';

/**
 * An in-memory {@link InventorySource}: for tests, demos and small single-process hosts. It
 * keeps applied delta keys (so replays apply once) and a change log for incremental syncs.
 *
 * @example
 * ```ts
 * const source = new InMemoryInventorySource({ 'A-1': 10, 'B-2': 4 });
 * source.set('A-1', 12); // a local restock; the next incremental sync pushes it
 * ```
 */
export class InMemoryInventorySource implements InventorySource {
  readonly #levels = new Map<string, SourceLevel>();
  readonly #applied = new Set<string>();
  readonly #log: { sku: string; origin?: string }[] = [];
  readonly #clock: Clock;
  #sorted: string[] | undefined;
  #stampedAt = Number.NaN;
  #stamp = '';

  /**
   * @param initial - available units per SKU
   * @param clock - stamps `updatedAt` (default: the system clock)
   */
  constructor(initial: Record<string, number> = {}, clock: Clock = systemClock) {
    this.#clock = clock;
    for (const [sku, available] of Object.entries(initial)) this.#levels.set(sku, { sku, available, updatedAt: this.#now() });
  }

  /** Sets a SKU's stock as the host would (a restock, a count); it shows up in `changes()`. */
  set(sku: string, available: number): void {
    if (!Number.isSafeInteger(available) || available < 0) throw new RangeError(`Stock of ${sku} must be a whole number >= 0, got ${available}.`);
    if (!this.#levels.has(sku)) this.#sorted = undefined;
    this.#levels.set(sku, { sku, available, updatedAt: this.#now() });
    this.#log.push({ sku });
  }

  /** The level of one SKU. */
  get(sku: string): SourceLevel | undefined {
    const level = this.#levels.get(sku);
    return level && { ...level };
  }

  /** How many distinct delta keys have been applied. */
  get appliedCount(): number {
    return this.#applied.size;
  }

  /** Whether a delta key has been applied. */
  hasApplied(key: string): boolean {
    return this.#applied.has(key);
  }

  listSkus(after: string | undefined, limit: number): string[] {
    this.#sorted ??= [...this.#levels.keys()].sort();
    const sorted = this.#sorted;
    let lo = 0;
    let hi = sorted.length;
    if (after !== undefined) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as string) <= after) lo = mid + 1;
        else hi = mid;
      }
    }
    return sorted.slice(lo, lo + limit);
  }

  getLevels(skus: readonly string[]): SourceLevel[] {
    return skus.flatMap((sku) => {
      const level = this.#levels.get(sku);
      return level ? [{ ...level }] : [];
    });
  }

  applyDeltas(deltas: readonly SourceDelta[]): SourceLevel[] {
    const touched: SourceLevel[] = [];
    for (const { sku, delta, key } of deltas) {
      const level = this.#levels.get(sku);
      if (!level) continue;
      if (!this.#applied.has(key)) {
        this.#applied.add(key);
        level.available = Math.max(0, level.available + delta);
        level.updatedAt = this.#now();
        this.#log.push({ sku, origin: key });
      }
      touched.push({ ...level });
    }
    return touched;
  }

  changes(cursor: string | undefined, limit: number): SourceChanges {
    const start = cursor === undefined ? 0 : Number(cursor);
    const changes = this.#log.slice(start, start + limit);
    const next = start + changes.length;
    return { changes: changes.map((c) => ({ ...c })), cursor: String(next), more: next < this.#log.length };
  }

  #now(): string {
    // Levels stamped in the same instant share one string: a large catalog loaded at once
    // would otherwise hold a copy of the same timestamp per SKU.
    const at = this.#clock.now();
    if (at !== this.#stampedAt) {
      this.#stamp = new Date(at).toISOString();
      this.#stampedAt = at;
    }
    return this.#stamp;
  }
}
