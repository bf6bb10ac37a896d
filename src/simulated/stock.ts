import type { InventoryLevel } from '../model/inventory.js';

/** Fields per SKU and location, side by side in one typed array. */
const AVAILABLE = 0;
const RESERVED = 1;
const VERSION = 2;
const UPDATED_AT = 3;
const FIELDS = 4;

/**
 * The latest keyed write of each level: its key's hash, when, the level it left, and its body's
 * hash. What it answered is the sign of the version: positive applied, negative refused, 0 no
 * write yet (a level's version is at least 1).
 */
const R_HASH = 0;
const R_AT = 1;
const R_AVAILABLE = 2;
const R_RESERVED = 3;
const R_VERSION = 4;
const R_UPDATED_AT = 5;
const R_BODY = 6;
const R_FIELDS = 7;

/**
 * What a keyed write answered: `applied` with the level it left, or `refused` with the level's
 * version and available units at the time; `other_body` when the key was used for a different
 * write of this level.
 */
export type Recalled =
  | { kind: 'applied'; level: InventoryLevel }
  | { kind: 'refused'; version: number; available: number }
  | { kind: 'other_body' };

/**
 * Stock of every SKU at every location of a simulated marketplace, and which product each SKU
 * belongs to. A marketplace of 100,000 SKUs is a common test fixture, so the levels live in one
 * growable `Float64Array` (exact for integers up to 2^53) rather than an object per level; a
 * level becomes an {@link InventoryLevel} object only when it is read, and that object is a copy
 * callers may keep or change. SKUs keep the order they were added in.
 */
export class StockTable {
  /** Location ids, in configuration order. */
  readonly locations: readonly string[];
  readonly #locationIndex: Map<string, number>;
  readonly #slotOf = new Map<string, number>();
  /** Slot → SKU; `undefined` where a SKU was removed. */
  readonly #skuAt: (string | undefined)[] = [];
  #owner: Float64Array;
  #levels: Float64Array;
  /** Allocated at the first keyed write. */
  #replay: Float64Array | undefined;
  #removed = 0;
  #lastSku: string | undefined;
  #lastSlot = 0;
  #live: readonly string[] | undefined;
  // Levels changed in one instant share a timestamp: each is converted once per instant, not
  // once per level (a few recent instants are remembered; reads interleave old and new ones).
  #parsedText = '';
  #parsedMs = Number.NaN;
  readonly #texts = new Map<number, string>();

  /** @param expected - SKUs to make room for up front */
  constructor(locations: readonly string[], expected = 0) {
    this.locations = [...locations];
    this.#locationIndex = new Map(this.locations.map((id, i) => [id, i]));
    const capacity = Math.max(16, expected);
    this.#owner = new Float64Array(capacity);
    this.#levels = new Float64Array(capacity * this.locations.length * FIELDS);
  }

  /** How many SKUs there are. */
  get size(): number {
    return this.#slotOf.size;
  }

  has(sku: string): boolean {
    return this.#slotOf.has(sku);
  }

  hasLocation(locationId: string): boolean {
    return this.#locationIndex.has(locationId);
  }

  /** The number of the product the SKU belongs to. */
  ownerOf(sku: string): number | undefined {
    const slot = this.#slot(sku);
    return slot === undefined ? undefined : this.#owner[slot];
  }

  setOwner(sku: string, owner: number): void {
    const slot = this.#slot(sku);
    if (slot !== undefined) this.#owner[slot] = owner;
  }

  /** Adds a SKU with the given available units per location (default none), at version 1. */
  add(sku: string, owner: number, at: string, available?: readonly number[]): void {
    const slot = this.#skuAt.length;
    this.#grow(slot + 1);
    this.#skuAt.push(sku);
    this.#slotOf.set(sku, slot);
    this.#lastSku = undefined;
    this.#owner[slot] = owner;
    const ms = this.#toMs(at);
    for (let l = 0; l < this.locations.length; l++) {
      const at = this.#offset(slot, l);
      this.#levels[at + AVAILABLE] = available?.[l] ?? 0;
      this.#levels[at + RESERVED] = 0;
      this.#levels[at + VERSION] = 1;
      this.#levels[at + UPDATED_AT] = ms;
    }
    this.#live = undefined;
  }

  /** Removes a SKU and its stock everywhere. */
  remove(sku: string): void {
    const slot = this.#slot(sku);
    if (slot === undefined) return;
    this.#slotOf.delete(sku);
    this.#lastSku = undefined;
    this.#skuAt[slot] = undefined;
    this.#removed++;
    this.#live = undefined;
  }

  /** A copy of the level of `sku` at `locationId`, or undefined if either is unknown. */
  level(sku: string, locationId: string): InventoryLevel | undefined {
    const slot = this.#slot(sku);
    const l = this.#locationIndex.get(locationId);
    return slot === undefined || l === undefined ? undefined : this.#read(sku, slot, l);
  }

  /** Copies of the SKU's levels at every location (none for an unknown SKU). */
  levels(sku: string): InventoryLevel[] {
    const slot = this.#slot(sku);
    if (slot === undefined) return [];
    return this.locations.map((_, l) => this.#read(sku, slot, l));
  }

  /** Units available for sale over all locations. */
  totalAvailable(sku: string): number {
    const slot = this.#slot(sku);
    let total = 0;
    if (slot !== undefined)
      for (let l = 0; l < this.locations.length; l++) total += this.#levels[this.#offset(slot, l) + AVAILABLE]!;
    return total;
  }

  /**
   * Moves units of one level, keeping `onHand = available + reserved` and bumping the version.
   * Returns the level after the change; throws a `RangeError` (and changes nothing) if either
   * count would go negative or the SKU or location is unknown.
   */
  change(
    sku: string,
    locationId: string,
    change: { available?: number; reserved?: number },
    at: string,
  ): InventoryLevel {
    const slot = this.#slot(sku);
    const l = this.#locationIndex.get(locationId);
    if (slot === undefined || l === undefined) throw new RangeError(`No stock of ${sku} at ${locationId}.`);
    const offset = this.#offset(slot, l);
    const levels = this.#levels;
    const available = levels[offset + AVAILABLE]! + (change.available ?? 0);
    const reserved = levels[offset + RESERVED]! + (change.reserved ?? 0);
    if (available < 0 || reserved < 0) throw new RangeError(`Stock of ${sku} at ${locationId} would go negative.`);
    levels[offset + AVAILABLE] = available;
    levels[offset + RESERVED] = reserved;
    levels[offset + VERSION] = levels[offset + VERSION]! + 1;
    levels[offset + UPDATED_AT] = this.#toMs(at);
    return this.#read(sku, slot, l);
  }

  /**
   * The answer of the latest keyed write of this level, if `key` was its key and it is younger
   * than `ttlMs`. Only the latest keyed write of each level is remembered: it is the one a
   * writer that lost the answer sends again. `body` names what the write asks for; a different
   * one under the same key is `other_body`. Key and body are given as their `hash53`.
   */
  recall(sku: string, locationId: string, key: number, body: number, now: number, ttlMs: number): Recalled | undefined {
    const slot = this.#slot(sku);
    const l = this.#locationIndex.get(locationId);
    const replay = this.#replay;
    if (slot === undefined || l === undefined || !replay) return undefined;
    const at = (this.#offset(slot, l) / FIELDS) * R_FIELDS;
    const version = replay[at + R_VERSION]!;
    if (version === 0 || replay[at + R_HASH] !== key || now - replay[at + R_AT]! >= ttlMs) return undefined;
    if (replay[at + R_BODY] !== body) return { kind: 'other_body' };
    if (version < 0) return { kind: 'refused', version: -version, available: replay[at + R_AVAILABLE]! };
    const available = replay[at + R_AVAILABLE]!;
    const reserved = replay[at + R_RESERVED]!;
    return {
      kind: 'applied',
      level: {
        sku,
        locationId,
        available,
        reserved,
        onHand: available + reserved,
        updatedAt: this.#toText(replay[at + R_UPDATED_AT]!),
        version,
      },
    };
  }

  /**
   * Remembers that the write keyed `key`, asking for `body` (both as their `hash53`), was
   * applied (leaving the level as it is now) or refused.
   */
  remember(sku: string, locationId: string, key: number, body: number, now: number, kind: 'applied' | 'refused'): void {
    const slot = this.#slot(sku);
    const l = this.#locationIndex.get(locationId);
    if (slot === undefined || l === undefined) return;
    const replay = (this.#replay ??= new Float64Array(this.#owner.length * this.locations.length * R_FIELDS));
    const offset = this.#offset(slot, l);
    const at = (offset / FIELDS) * R_FIELDS;
    replay[at + R_HASH] = key;
    replay[at + R_AT] = now;
    replay[at + R_AVAILABLE] = this.#levels[offset + AVAILABLE]!;
    replay[at + R_RESERVED] = this.#levels[offset + RESERVED]!;
    const version = this.#levels[offset + VERSION]!;
    replay[at + R_VERSION] = kind === 'applied' ? version : -version;
    replay[at + R_UPDATED_AT] = this.#levels[offset + UPDATED_AT]!;
    replay[at + R_BODY] = body;
  }

  /** Every SKU in the order it was added (the same array until a SKU is added or removed). */
  skus(): readonly string[] {
    if (this.#removed === 0) return this.#skuAt as readonly string[];
    this.#live ??= this.#skuAt.filter((sku): sku is string => sku !== undefined);
    return this.#live;
  }

  /** Copies of every level: SKUs in order, locations in configuration order. */
  allLevels(): InventoryLevel[] {
    return this.skus().flatMap((sku) => this.levels(sku));
  }

  /**
   * The slot of `sku`. One write looks its SKU up several times (read, replay check, change,
   * remember): the last SKU found is kept, so only the first of them searches the map of
   * 100,000 entries.
   */
  #slot(sku: string): number | undefined {
    if (sku === this.#lastSku) return this.#lastSlot;
    const slot = this.#slotOf.get(sku);
    if (slot !== undefined) {
      this.#lastSku = sku;
      this.#lastSlot = slot;
    }
    return slot;
  }

  #offset(slot: number, location: number): number {
    return (slot * this.locations.length + location) * FIELDS;
  }

  #read(sku: string, slot: number, l: number): InventoryLevel {
    const offset = this.#offset(slot, l);
    const levels = this.#levels;
    const available = levels[offset + AVAILABLE]!;
    const reserved = levels[offset + RESERVED]!;
    return {
      sku,
      locationId: this.locations[l]!,
      available,
      reserved,
      onHand: available + reserved,
      updatedAt: this.#toText(levels[offset + UPDATED_AT]!),
      version: levels[offset + VERSION]!,
    };
  }

  #grow(slots: number): void {
    if (slots <= this.#owner.length) return;
    const capacity = Math.max(slots, this.#owner.length * 2);
    const owner = new Float64Array(capacity);
    owner.set(this.#owner);
    this.#owner = owner;
    const levels = new Float64Array(capacity * this.locations.length * FIELDS);
    levels.set(this.#levels);
    this.#levels = levels;
    if (this.#replay) {
      const replay = new Float64Array(capacity * this.locations.length * R_FIELDS);
      replay.set(this.#replay);
      this.#replay = replay;
    }
  }

  #toMs(text: string): number {
    if (text !== this.#parsedText) {
      this.#parsedMs = Date.parse(text);
      this.#parsedText = text;
    }
    return this.#parsedMs;
  }

  #toText(ms: number): string {
    let text = this.#texts.get(ms);
    if (text === undefined) {
      if (this.#texts.size >= 64) this.#texts.clear();
      text = new Date(ms).toISOString();
      this.#texts.set(ms, text);
    }
    return text;
  }
}
