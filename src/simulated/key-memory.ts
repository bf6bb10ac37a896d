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
