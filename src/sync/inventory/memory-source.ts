import { systemClock, type Clock } from '../../core/clock.js';
import type { InventorySource, SourceChanges, SourceDelta, SourceLevel } from './source.js';

function isIterable(value: object): value is Iterable<readonly [string, number]> {
  return typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}

/**
 * An in-memory {@link InventorySource}: for tests, demos and small single-process hosts. It
 * keeps applied delta keys (so replays apply once) and a change log for incremental syncs.
 *
 * @example
 * ```ts
 * const source = new InMemoryInventorySource({ 'A-1': 10, 'B-2': 4 });
 * source.set('A-1', 12); // a local restock; the next incremental sync pushes it
 * const large = new InMemoryInventorySource(new Map(rows.map((row) => [row.sku, row.units])));
 * ```
 *
 * @category Inventory sync
 */
export class InMemoryInventorySource implements InventorySource {
  // Stock as plain numbers and timestamps only where they differ from the load's: a large
  // catalog costs a map entry per SKU, not an object as well.
  readonly #available = new Map<string, number>();
  readonly #updatedAt = new Map<string, string>();
  readonly #loadedAt: string;
  readonly #applied = new Set<string>();
  readonly #log: { sku: string; origin?: string }[] = [];
  readonly #clock: Clock;
  #sorted: string[] | undefined;
  #stampedAt = Number.NaN;
  #stamp = '';

  /**
   * @param initial - available units per SKU: a record, or `[sku, units]` pairs (a `Map`, or a
   *   generator that loads a large catalog without building an object of it first)
   * @param clock - stamps `updatedAt` (default: the system clock)
   */
  constructor(initial: Record<string, number> | Iterable<readonly [string, number]> = {}, clock: Clock = systemClock) {
    this.#clock = clock;
    this.#loadedAt = this.#now();
    if (isIterable(initial)) for (const [sku, available] of initial) this.#available.set(sku, available);
    else for (const sku in initial) if (Object.hasOwn(initial, sku)) this.#available.set(sku, initial[sku] as number);
  }

  /** Sets a SKU's stock as the host would (a restock, a count); it shows up in `changes()`. */
  set(sku: string, available: number): void {
    if (!Number.isSafeInteger(available) || available < 0)
      throw new RangeError(`Stock of ${sku} must be a whole number >= 0, got ${available}.`);
    if (!this.#available.has(sku)) this.#sorted = undefined;
    this.#available.set(sku, available);
    this.#updatedAt.set(sku, this.#now());
    this.#log.push({ sku });
  }

  /** The level of one SKU. */
  get(sku: string): SourceLevel | undefined {
    const available = this.#available.get(sku);
    return available === undefined
      ? undefined
      : { sku, available, updatedAt: this.#updatedAt.get(sku) ?? this.#loadedAt };
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
    this.#sorted ??= [...this.#available.keys()].sort();
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
    const levels: SourceLevel[] = [];
    for (const sku of skus) {
      const level = this.get(sku);
      if (level) levels.push(level);
    }
    return levels;
  }

  applyDeltas(deltas: readonly SourceDelta[]): SourceLevel[] {
    const touched: SourceLevel[] = [];
    for (const { sku, delta, key } of deltas) {
      const available = this.#available.get(sku);
      if (available === undefined) continue;
      if (!this.#applied.has(key)) {
        this.#applied.add(key);
        this.#available.set(sku, Math.max(0, available + delta));
        this.#updatedAt.set(sku, this.#now());
        this.#log.push({ sku, origin: key });
      }
      touched.push(this.get(sku) as SourceLevel);
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
