/**
 * What a simulated marketplace remembers of idempotency keys, bounded the way real platforms
 * bound it: a key is forgotten after `ttlMs` of the marketplace's clock, and beyond `max` keys
 * the oldest are forgotten first. A replay soon after its first call (a lost answer, a crashed
 * writer resuming) is answered from memory; memory does not grow with every write ever made.
 */
export class KeyMemory<T> {
  readonly #entries = new Map<string, { value: T; at: number }>();
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
    this.#entries.delete(key);
    this.#entries.set(key, { value, at: now });
    // Map iteration is insertion order: the first key is the oldest.
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}
