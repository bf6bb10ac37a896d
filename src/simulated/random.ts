/**
 * A small seeded pseudo-random generator (sfc32). Deterministic: the same seed gives the same
 * sequence on every platform. Not for cryptography.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * random.int(1, 6); // the same number on every run
 * ```
 *
 * @category Simulated marketplace
 */
export class SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** @param seed - any integer; equal seeds give equal sequences */
  constructor(seed: number) {
    // splitmix32 spreads the seed over the four state words.
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    // The state is kept as int32 (the same bits as the uint32 words of sfc32): a small integer
    // is stored in place, where a uint32 above 2^31 would be a new heap number on every draw.
    this.#a = next() | 0;
    this.#b = next() | 0;
    this.#c = next() | 0;
    this.#d = next() | 0;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const t = (a + b + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  /** A new generator whose sequence is independent of this one's further use. */
  fork(label: number): SeededRandom {
    return new SeededRandom((Math.floor(this.next() * 0xffffffff) ^ Math.imul(label, 0x9e3779b1)) >>> 0);
  }
}
