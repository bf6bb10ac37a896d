import type { Product } from '../model/product.js';

export const ADJECTIVES = [
  'Classic',
  'Organic',
  'Compact',
  'Deluxe',
  'Vintage',
  'Modern',
  'Rugged',
  'Soft',
  'Bright',
  'Eco',
];
export const NOUNS = [
  'Mug',
  'T-shirt',
  'Backpack',
  'Lamp',
  'Notebook',
  'Bottle',
  'Scarf',
  'Headphones',
  'Candle',
  'Blanket',
];
const SIZES = ['S', 'M', 'L', 'XL'];

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/** The id of product number `n` (`P-00042`). */
export function productId(n: number): string {
  return `P-${pad(n)}`;
}

/** The number in a product id, or undefined for an id this marketplace never gives out. */
export function productNumber(id: string): number | undefined {
  if (!id.startsWith('P-')) return undefined;
  const digits = id.slice(2);
  const n = Number(digits);
  return Number.isSafeInteger(n) && n > 0 && pad(n) === digits ? n : undefined;
}

/** The SKU of variant `v` of generated product `p` when it has `variants` of them. */
export function generatedSku(p: number, v: number, variants: number): string {
  return variants === 1 ? `SKU-${pad(p)}` : `SKU-${pad(p)}-${SIZES[v % SIZES.length]}${v >= SIZES.length ? v : ''}`;
}

/** What the seed decided for one generated product. */
export interface GeneratedProduct {
  variants: number;
  basePrice: number;
  adjective: number;
  noun: number;
}

/**
 * The products of a simulated marketplace. Generated products are kept as the few numbers the
 * seed chose (a 100,000-product catalog is a common fixture) and built into a {@link Product}
 * when read; a product written or deleted since is kept as an object (or is gone). Reads of a
 * generated product return a fresh object: to change a product, change the copy and `set` it.
 */
export class ProductTable {
  readonly #currency: string;
  readonly #exponent: number;
  readonly #generatedAt: string;
  #count = 0;
  #variants: Uint32Array;
  #basePrice: Float64Array;
  #adjective: Uint8Array;
  #noun: Uint8Array;
  /** 1 where the generated form no longer applies (written or deleted). */
  #replaced: Uint8Array;
  readonly #written = new Map<number, Product>();
  #sortedIds: string[] | undefined;

  constructor(currency: string, exponent: number, generatedAt: string, expected: number) {
    this.#currency = currency;
    this.#exponent = exponent;
    this.#generatedAt = generatedAt;
    this.#variants = new Uint32Array(expected + 1);
    this.#basePrice = new Float64Array(expected + 1);
    this.#adjective = new Uint8Array(expected + 1);
    this.#noun = new Uint8Array(expected + 1);
    this.#replaced = new Uint8Array(expected + 1);
  }

  /** Records generated product number `count + 1`. */
  generate(product: GeneratedProduct): number {
    const n = ++this.#count;
    this.#variants[n] = product.variants;
    this.#basePrice[n] = product.basePrice;
    this.#adjective[n] = product.adjective;
    this.#noun[n] = product.noun;
    return n;
  }

  get(id: string): Product | undefined {
    const n = productNumber(id);
    return n === undefined ? undefined : this.byNumber(n);
  }

  byNumber(n: number): Product | undefined {
    return this.#written.get(n) ?? (this.#isGenerated(n) ? this.#build(n) : undefined);
  }

  /** Status and last change of a product without building it. */
  meta(n: number): Pick<Product, 'status' | 'updatedAt'> | undefined {
    return (
      this.#written.get(n) ?? (this.#isGenerated(n) ? { status: 'active', updatedAt: this.#generatedAt } : undefined)
    );
  }

  /** Stores a product under its id (which must be one {@link productId} gives). */
  set(product: Product): void {
    const n = productNumber(product.id ?? '');
    if (n === undefined) throw new RangeError(`Not a simulated product id: ${product.id}.`);
    if (this.byNumber(n) === undefined) this.#sortedIds = undefined;
    if (n <= this.#count) this.#replaced[n] = 1;
    this.#written.set(n, product);
  }

  delete(id: string): void {
    const n = productNumber(id);
    if (n === undefined) return;
    if (n <= this.#count) this.#replaced[n] = 1;
    this.#written.delete(n);
    this.#sortedIds = undefined;
  }

  /** Product numbers whose ids sort in order, for listing. */
  *numbersById(): Iterable<number> {
    this.#sortedIds ??= this.#liveNumbers().map(productId).sort();
    for (const id of this.#sortedIds) yield productNumber(id)!;
  }

  /** Every product, in the order they were created. */
  values(): Product[] {
    return this.#liveNumbers().map((n) => this.byNumber(n)!);
  }

  #liveNumbers(): number[] {
    const numbers: number[] = [];
    for (let n = 1; n <= this.#count; n++) if (this.#isGenerated(n)) numbers.push(n);
    return [...numbers, ...this.#written.keys()].sort((a, b) => a - b);
  }

  #isGenerated(n: number): boolean {
    return n >= 1 && n <= this.#count && this.#replaced[n] === 0;
  }

  #build(n: number): Product {
    const variants = this.#variants[n]!;
    const base = this.#basePrice[n]!;
    const currency = this.#currency;
    const step = 10 ** this.#exponent;
    const offers = Array.from({ length: variants }, (_, v) => ({
      sku: generatedSku(n, v, variants),
      price: { amountMinor: base + v * step, currency },
      cost: { amountMinor: Math.floor((base * 55) / 100), currency },
      condition: 'new' as const,
      options: (variants === 1 ? {} : { size: SIZES[v % SIZES.length] ?? String(v) }) as Record<string, string>,
    }));
    return {
      id: productId(n),
      title: `${ADJECTIVES[this.#adjective[n]!]} ${NOUNS[this.#noun[n]!]} ${n}`,
      status: 'active',
      offers,
      images: [],
      attributes: {},
      updatedAt: this.#generatedAt,
    };
  }
}
