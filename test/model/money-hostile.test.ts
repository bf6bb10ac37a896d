import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  addMoney,
  applyBasisPoints,
  compareMoney,
  currencyExponent,
  formatMoney,
  isMarketbridgeError,
  money,
  multiplyMoney,
  OfferSchema,
  parseMoney,
  PriceUpdateSchema,
  PriceSchema,
  subtractMoney,
  ValidationError,
  type Money,
} from '../../src/index.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 1_000);
const MAX = Number.MAX_SAFE_INTEGER;

/** Calls `fn` and tells what came out: a value, or the kind of the error it threw. */
function outcome(fn: () => unknown): 'value' | 'marketbridge' | string {
  try {
    fn();
    return 'value';
  } catch (error) {
    return isMarketbridgeError(error) ? 'marketbridge' : ((error as Error)?.constructor?.name ?? typeof error);
  }
}

describe('parseMoney with hostile input', () => {
  it('answers null, undefined, objects, arrays, booleans and bigints with invalid_format, never a TypeError', () => {
    for (const amount of [null, undefined, {}, [], true, false, 10n, Symbol('x'), () => 1, new Date(0)]) {
      const result = parseMoney(amount as never, 'EUR');
      expect(result.isErr()).toBe(true);
      expect(result._unsafeUnwrapErr().reason).toBe('invalid_format');
    }
    expect(parseMoney(10n as never, 'EUR')._unsafeUnwrapErr().message).toContain('10n');
  });

  it('answers a currency that is not a string with unknown_currency, even one whose toString throws', () => {
    const hostile = {
      toString: () => {
        throw new Error('boom');
      },
    };
    for (const currency of [null, undefined, 42, hostile, Symbol('EUR'), ['EUR']]) {
      expect(parseMoney('1.00', currency as never)._unsafeUnwrapErr().reason).toBe('unknown_currency');
    }
  });

  it('refuses a JSON number a float cannot carry exactly instead of changing the amount', () => {
    // 80000000000000.01 arrives as the float printed 80000000000000.02: a cent was invented.
    // biome-ignore lint/correctness/noPrecisionLoss: the imprecise literal is the hostile input under test
    const result = parseMoney(80000000000000.01, 'EUR');
    expect(result._unsafeUnwrapErr().reason).toBe('imprecise_number');
    expect(result._unsafeUnwrapErr().message).toContain('send it as a decimal string');
    // the same amount as text is exact
    expect(parseMoney('80000000000000.01', 'EUR')._unsafeUnwrap().amountMinor).toBe(8_000_000_000_000_001);
    // 9007199254740993 is read by JSON.parse as ...992
    expect(parseMoney(JSON.parse('9007199254740993') as number, 'JPY')._unsafeUnwrapErr().reason).toBe(
      'imprecise_number',
    );
    // up to 15 significant digits a number is what was sent
    expect(parseMoney(9_999_999_999_999.99, 'EUR')._unsafeUnwrap().amountMinor).toBe(999_999_999_999_999);
    expect(parseMoney(123_456_789_012_345, 'JPY')._unsafeUnwrap().amountMinor).toBe(123_456_789_012_345);
    expect(parseMoney(0.000001, 'EUR')._unsafeUnwrapErr().reason).toBe('too_many_decimals');
  });

  it('refuses absurdly long digit strings without building a huge number', () => {
    expect(parseMoney('9'.repeat(100_000), 'EUR')._unsafeUnwrapErr().reason).toBe('out_of_range');
    expect(parseMoney(`${'0'.repeat(50)}1.00`, 'EUR')._unsafeUnwrap().amountMinor).toBe(100);
  });

  it('gives a MarketbridgeError-shaped result or an exact value for any input (property)', () => {
    const anyInput = fc.oneof(
      fc.anything(),
      fc.double(),
      fc.bigInt(),
      fc.string(),
      fc.stringMatching(/^[+-]?\d{0,20}(\.\d{0,6})?$/),
    );
    const anyCurrency = fc.oneof(fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF', 'eur', 'XXX', ''), fc.anything());
    fc.assert(
      fc.property(anyInput, anyCurrency, (amount, currency) => {
        const result = parseMoney(amount as never, currency as never);
        if (result.isErr()) {
          expect([
            'unknown_currency',
            'invalid_format',
            'too_many_decimals',
            'imprecise_number',
            'out_of_range',
          ]).toContain(result.error.reason);
          expect(typeof result.error.message).toBe('string');
          return;
        }
        const value = result.value;
        expect(Number.isSafeInteger(value.amountMinor)).toBe(true);
        // exact: the decimal text of the result is the decimal that was given
        const given = typeof amount === 'number' ? String(amount) : String(amount).trim();
        const exponent = currencyExponent(currency as string)!;
        const normalise = (text: string) => {
          const negative = text.startsWith('-');
          const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
          const digits = `${whole}${fraction.replace(/0+$/, '').padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '') || '0';
          return BigInt(digits) * (negative ? -1n : 1n);
        };
        expect(BigInt(value.amountMinor)).toBe(normalise(given));
      }),
      { numRuns: runs },
    );
  });
});

describe('Money arithmetic refuses with a MarketbridgeError, never a ZodError or TypeError', () => {
  it('money() and the arithmetic throw ValidationError on overflow and bad arguments', () => {
    const big = money(MAX, 'EUR');
    expect(() => addMoney(big, money(1, 'EUR'))).toThrow(ValidationError);
    expect(() => addMoney(big, money(1, 'EUR'))).toThrow(/beyond the safe integer range/);
    expect(() => subtractMoney(money(-MAX, 'EUR'), money(1, 'EUR'))).toThrow(ValidationError);
    expect(() => multiplyMoney(big, 2)).toThrow(ValidationError);
    expect(() => multiplyMoney(big, 1.5)).toThrow(ValidationError);
    expect(() => applyBasisPoints(big, 1)).toThrow(ValidationError);
    expect(() => money(MAX + 1, 'EUR')).toThrow(ValidationError);
    expect(() => money(1.5, 'EUR')).toThrow(ValidationError);
    expect(() => money(1, 'eur')).toThrow(ValidationError);
    expect(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow(ValidationError);
    expect(() => compareMoney(null as never, money(1, 'EUR'))).toThrow(ValidationError);
    expect(() => formatMoney({ amountMinor: 1, currency: 'XXX' })).toThrow(ValidationError);
    expect(() => formatMoney(undefined as never)).toThrow(ValidationError);
    // the sum is computed exactly: MAX - 1 + 1 is MAX, not a rounded float
    expect(addMoney(money(MAX - 1, 'EUR'), money(1, 'EUR')).amountMinor).toBe(MAX);
  });

  it('never throws anything but a MarketbridgeError, for any arguments (property)', () => {
    const amount = fc.oneof(
      fc.integer({ min: -MAX, max: MAX }),
      fc.constantFrom(MAX, -MAX, 0),
      fc.double(),
      fc.anything(),
    );
    const currency = fc.oneof(fc.constantFrom('EUR', 'USD', 'JPY'), fc.anything());
    const anyMoney: fc.Arbitrary<Money> = fc.oneof(
      fc.record({ amountMinor: amount, currency }) as fc.Arbitrary<Money>,
      fc.anything() as fc.Arbitrary<Money>,
    );
    fc.assert(
      fc.property(anyMoney, anyMoney, amount, (a, b, n) => {
        for (const call of [
          () => money(a?.amountMinor as number, a?.currency as string),
          () => addMoney(a, b),
          () => subtractMoney(a, b),
          () => compareMoney(a, b),
          () => multiplyMoney(a, n as number),
          () => applyBasisPoints(a, n as number),
          () => formatMoney(a),
        ]) {
          expect(['value', 'marketbridge']).toContain(outcome(call));
        }
      }),
      { numRuns: runs },
    );
  });

  it('has no ZodError left on its public paths', () => {
    expect(outcome(() => money(Number.NaN, 'EUR'))).not.toBe(ZodError.name);
  });
});

describe('prices are never negative', () => {
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
  it('refuses a negative price, compare-at price or cost of an offer, and a negative price update', () => {
    expect(OfferSchema.safeParse({ sku: 'A-1', price: eur(-1) }).success).toBe(false);
    expect(OfferSchema.safeParse({ sku: 'A-1', price: eur(100), compareAtPrice: eur(-100) }).success).toBe(false);
    expect(OfferSchema.safeParse({ sku: 'A-1', price: eur(100), cost: eur(-5) }).success).toBe(false);
    expect(PriceUpdateSchema.safeParse({ sku: 'A-1', price: eur(-1999) }).success).toBe(false);
    expect(PriceUpdateSchema.safeParse({ sku: 'A-1', price: eur(100), compareAtPrice: eur(-1) }).success).toBe(false);
    const issue = PriceUpdateSchema.safeParse({ sku: 'A-1', price: eur(-1) }).error!.issues[0]!;
    expect(issue).toMatchObject({ path: ['price', 'amountMinor'], message: 'A price cannot be negative.' });
  });

  it('accepts zero and positive prices, and a null compare-at price that removes it', () => {
    expect(PriceSchema.parse(eur(0))).toEqual(eur(0));
    expect(PriceUpdateSchema.safeParse({ sku: 'A-1', price: eur(1999), compareAtPrice: null }).success).toBe(true);
    expect(OfferSchema.safeParse({ sku: 'A-1', price: eur(0), compareAtPrice: eur(2999) }).success).toBe(true);
  });
});
