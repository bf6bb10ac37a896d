/**
 * What a simulated marketplace remembers of idempotency keys, bounded the way real platforms
 * bound it: a key is forgotten after `ttlMs` of the marketplace's clock, and beyond `max` keys
 * the oldest are forgotten first. A replay soon after its first call (a lost answer, a crashed
 * writer resuming) is answered from memory; memory does not grow with every write ever made.
 */
export class KeyMemory<T> {
  readonly #entries = new Map<string, { value: T; at: number; turn: number }>();
  /**
   * Keys in the order they were written, each with the turn it was written in; a key written
   * again leaves its older line behind, skipped when it reaches the front. Finding the oldest
   * key through the Map's own iterator instead costs a walk over every deleted slot at the
   * front of its table, on every eviction (seconds for 100,000 writes).
   */
  #order: string[] = [];
  #turns: number[] = [];
  #head = 0;
  #turn = 0;
  readonly #max: number;
  readonly #ttlMs: number;

  constructor(max: number, ttlMs: number) {
    this.#max = max;
    this.#ttlMs = ttlMs;
  }

  get(key: string, now: number): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at < this.#ttlMs) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, now: number): void {
    const turn = this.#turn++;
    this.#entries.set(key, { value, at: now, turn });
    this.#order.push(key);
    this.#turns.push(turn);
    while (this.#entries.size > this.#max) {
      const oldest = this.#order[this.#head] as string;
      const written = this.#turns[this.#head] as number;
      this.#head++;
      if (this.#entries.get(oldest)?.turn === written) this.#entries.delete(oldest);
    }
    // Keep the queue within a small multiple of the keys remembered: drop the lines passed
    // and those of keys written again or expired since.
    if (this.#order.length > 2 * this.#entries.size + 1024) {
      const order: string[] = [];
      const turns: number[] = [];
      for (let i = this.#head; i < this.#order.length; i++) {
        const line = this.#order[i] as string;
        if (this.#entries.get(line)?.turn !== this.#turns[i]) continue;
        order.push(line);
        turns.push(this.#turns[i] as number);
      }
      this.#order = order;
      this.#turns = turns;
      this.#head = 0;
    }
  }
}

const EMPTY = -1;

/**
 * {@link KeyMemory} for the bodies of keyed writes, kept as 53-bit hashes of the key and of
 * the body in typed arrays: a marketplace that remembers its 10,000 latest keys holds no key
 * or body string and allocates nothing per write (a 100,000-SKU sync once left 40 MB of
 * promoted garbage in the object version). Same rules: a key is forgotten after `ttlMs`, and
 * beyond `max` keys the least recently written goes first. Two keys with the same 53-bit hash
 * would be taken for one; at 10,000 keys that is about one chance in 10^8.
 */
export class KeyHashMemory {
  readonly #max: number;
  readonly #ttlMs: number;
  /** Per slot: the key's hash, the body's hash, when it was written. */
  readonly #keys: Float64Array;
  readonly #bodies: Float64Array;
  readonly #at: Float64Array;
  /** Slots from the least to the most recently written (a doubly linked list), and the free ones. */
  readonly #prev: Int32Array;
  readonly #next: Int32Array;
  #head = EMPTY;
  #tail = EMPTY;
  #free = 0;
  #size = 0;
  /** Open addressing over key hashes (linear probing): slot of each remembered key, or EMPTY. */
  readonly #table: Int32Array;
  readonly #mask: number;

  constructor(max: number, ttlMs: number) {
    this.#max = Math.max(1, max);
    this.#ttlMs = ttlMs;
    this.#keys = new Float64Array(this.#max);
    this.#bodies = new Float64Array(this.#max);
    this.#at = new Float64Array(this.#max);
    this.#prev = new Int32Array(this.#max);
    this.#next = new Int32Array(this.#max);
    for (let i = 0; i < this.#max; i++) this.#next[i] = i + 1 < this.#max ? i + 1 : EMPTY;
    let capacity = 16;
    while (capacity < this.#max * 2) capacity *= 2;
    this.#table = new Int32Array(capacity).fill(EMPTY);
    this.#mask = capacity - 1;
  }

  /** How many keys are remembered (expired ones included until they are read). */
  get size(): number {
    return this.#size;
  }

  /** The body hash remembered under the key hash, or undefined (unknown or expired). */
  get(key: number, now: number): number | undefined {
    const at = this.#find(key);
    if (at < 0) return undefined;
    const slot = this.#table[at]!;
    if (now - this.#at[slot]! < this.#ttlMs) return this.#bodies[slot];
    this.#remove(at);
    return undefined;
  }

  set(key: number, body: number, now: number): void {
    const found = this.#find(key);
    if (found >= 0) this.#remove(found);
    else if (this.#size >= this.#max) this.#remove(this.#find(this.#keys[this.#head]!));
    const slot = this.#free;
    this.#free = this.#next[slot]!;
    this.#keys[slot] = key;
    this.#bodies[slot] = body;
    this.#at[slot] = now;
    this.#prev[slot] = this.#tail;
    this.#next[slot] = EMPTY;
    if (this.#tail === EMPTY) this.#head = slot;
    else this.#next[this.#tail] = slot;
    this.#tail = slot;
    let at = this.#home(key);
    while (this.#table[at] !== EMPTY) at = (at + 1) & this.#mask;
    this.#table[at] = slot;
    this.#size++;
  }

  #home(key: number): number {
    // The low 32 bits of a hash53 are FNV-1a: well spread.
    return (key % 0x100000000) & this.#mask;
  }

  /** The table position holding `key`, or -1. */
  #find(key: number): number {
    let at = this.#home(key);
    for (;;) {
      const slot = this.#table[at]!;
      if (slot === EMPTY) return -1;
      if (this.#keys[slot] === key) return at;
      at = (at + 1) & this.#mask;
    }
  }

  /** Forgets the key at table position `at`: unlinks its slot and closes the gap in the table. */
  #remove(at: number): void {
    const slot = this.#table[at]!;
    const prev = this.#prev[slot]!;
    const next = this.#next[slot]!;
    if (prev === EMPTY) this.#head = next;
    else this.#next[prev] = next;
    if (next === EMPTY) this.#tail = prev;
    else this.#prev[next] = prev;
    this.#next[slot] = this.#free;
    this.#free = slot;
    this.#size--;
    // Backward-shift deletion: move later entries of the probe run into the gap.
    let gap = at;
    let probe = (at + 1) & this.#mask;
    for (;;) {
      const moved = this.#table[probe]!;
      if (moved === EMPTY) break;
      const home = this.#home(this.#keys[moved]!);
      // Entry at `probe` may fill the gap if its home is not in (gap, probe] cyclically.
      if ((probe - home + this.#mask + 1) % (this.#mask + 1) >= (probe - gap + this.#mask + 1) % (this.#mask + 1)) {
        this.#table[gap] = moved;
        gap = probe;
      }
      probe = (probe + 1) & this.#mask;
    }
    this.#table[gap] = EMPTY;
  }
}
