import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  applyBasisPoints,
  changeInBasisPoints,
  CURRENCY_CODES,
  currencyExponent,
  formatMoney,
  money,
  MoneySchema,
  parseMoney,
  ValidationError,
} from '../../src/index.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 2_000);

describe('currency exponents', () => {
  it('knows the ISO 4217 exceptions', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
    expect(currencyExponent('XXX')).toBeUndefined();
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
  });
});

describe('parseMoney', () => {
  it('reads decimal strings into integer minor units', () => {
    expect(parseMoney('19.99', 'EUR')._unsafeUnwrap()).toEqual({ amountMinor: 1999, currency: 'EUR' });
    expect(parseMoney('-0.05', 'EUR')._unsafeUnwrap().amountMinor).toBe(-5);
    expect(parseMoney('.5', 'EUR')._unsafeUnwrap().amountMinor).toBe(50);
    expect(parseMoney('7', 'KWD')._unsafeUnwrap().amountMinor).toBe(7000);
    expect(parseMoney('1999', 'JPY')._unsafeUnwrap().amountMinor).toBe(1999);
    expect(parseMoney('1.50', 'JPY').isErr()).toBe(true);
    expect(parseMoney('1.00', 'JPY')._unsafeUnwrap().amountMinor).toBe(1);
    expect(parseMoney('-0', 'EUR')._unsafeUnwrap().amountMinor).toBe(0);
  });

  it('reads JSON numbers through their shortest decimal text, not through float arithmetic', () => {
    expect(parseMoney(19.99, 'EUR')._unsafeUnwrap().amountMinor).toBe(1999);
    expect(parseMoney(0.1 + 0.2, 'EUR')._unsafeUnwrapErr().reason).toBe('too_many_decimals');
    expect(parseMoney(1.005, 'EUR')._unsafeUnwrapErr().reason).toBe('too_many_decimals');
    expect(parseMoney(1e21, 'EUR')._unsafeUnwrapErr().reason).toBe('invalid_format');
    expect(parseMoney(Number.NaN, 'EUR')._unsafeUnwrapErr().reason).toBe('invalid_format');
  });

  it('names what is wrong', () => {
    expect(parseMoney('1,50', 'EUR')._unsafeUnwrapErr().reason).toBe('invalid_format');
    expect(parseMoney('', 'EUR')._unsafeUnwrapErr().reason).toBe('invalid_format');
    expect(parseMoney('1.5', 'eur')._unsafeUnwrapErr().reason).toBe('unknown_currency');
    expect(parseMoney('99999999999999999', 'EUR')._unsafeUnwrapErr().reason).toBe('out_of_range');
    expect(parseMoney('0.001', 'EUR')._unsafeUnwrapErr().message).toContain('EUR has 2 decimals');
  });

  it('round-trips with formatMoney for every currency exponent (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCY_CODES),
        fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        (currency, amountMinor) => {
          const text = formatMoney({ amountMinor, currency });
          const exponent = currencyExponent(currency) ?? 0;
          expect(text).toMatch(exponent === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${exponent}}$`));
          expect(parseMoney(text, currency)._unsafeUnwrap()).toEqual({ amountMinor: amountMinor || 0, currency });
        },
      ),
      { numRuns: runs },
    );
  });

  it('parses any decimal text with at most the exponent digits exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CURRENCY_CODES),
        fc.bigInt({ min: 0n, max: 10n ** 11n }),
        fc.nat({ max: 9999 }),
        fc.boolean(),
        (currency, whole, fractionSeed, negative) => {
          const exponent = currencyExponent(currency) ?? 0;
          const fraction = exponent === 0 ? '' : String(fractionSeed % 10 ** exponent).padStart(exponent, '0');
          const text = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
          const expected = (whole * 10n ** BigInt(exponent) + BigInt(fraction || '0')) * (negative ? -1n : 1n);
          expect(BigInt(parseMoney(text, currency)._unsafeUnwrap().amountMinor)).toBe(expected);
        },
      ),
      { numRuns: runs },
    );
  });

  it('never produces a float artefact: sums of parsed amounts are exact (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 50 }), (cents) => {
        const total = cents
          .map((c) => parseMoney(`0.${String(c).padStart(2, '0')}`, 'EUR')._unsafeUnwrap())
          .reduce(addMoney);
        expect(formatMoney(total)).toBe(
          formatMoney(
            money(
              cents.reduce((a, b) => a + b, 0),
              'EUR',
            ),
          ),
        );
      }),
      { numRuns: runs },
    );
    const sum = addMoney(parseMoney('0.1', 'EUR')._unsafeUnwrap(), parseMoney('0.2', 'EUR')._unsafeUnwrap());
    expect(formatMoney(sum)).toBe('0.30');
  });
});

describe('Money arithmetic', () => {
  it('refuses to mix currencies and non-integer amounts', () => {
    expect(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow(/EUR with USD/);
    expect(MoneySchema.safeParse({ amountMinor: 1.5, currency: 'EUR' }).success).toBe(false);
    expect(MoneySchema.safeParse({ amountMinor: 1, currency: 'eur' }).success).toBe(false);
  });

  it('computes relative changes in integer basis points', () => {
    expect(changeInBasisPoints(money(1000, 'EUR'), money(1100, 'EUR'))).toBe(1000);
    expect(changeInBasisPoints(money(1000, 'EUR'), money(1, 'EUR'))).toBe(-9990);
    expect(() => changeInBasisPoints(money(0, 'EUR'), money(1, 'EUR'))).toThrow(ValidationError);
  });

  it('formats negatives and small amounts', () => {
    expect(formatMoney(money(-5, 'EUR'))).toBe('-0.05');
    expect(formatMoney(money(5, 'KWD'))).toBe('0.005');
    expect(formatMoney(money(1999, 'JPY'))).toBe('1999');
  });
});

describe('applyBasisPoints', () => {
  it('rounds half to even with integers only', () => {
    expect(applyBasisPoints(money(1999, 'EUR'), 500)).toEqual(money(2099, 'EUR'));
    expect(applyBasisPoints(money(50, 'EUR'), -5000)).toEqual(money(25, 'EUR'));
    expect(applyBasisPoints(money(5, 'EUR'), -5000)).toEqual(money(2, 'EUR'));
    expect(applyBasisPoints(money(15, 'EUR'), -5000)).toEqual(money(8, 'EUR'));
    expect(applyBasisPoints(money(-15, 'EUR'), -5000)).toEqual(money(-8, 'EUR'));
    expect(applyBasisPoints(money(1000, 'EUR'), -10_000)).toEqual(money(0, 'EUR'));
  });

  it('stays within half a minor unit of the exact result (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -10_000, max: 100_000 }),
        (amountMinor, bps) => {
          const result = BigInt(applyBasisPoints(money(amountMinor, 'EUR'), bps).amountMinor);
          const exact = BigInt(amountMinor) * BigInt(10_000 + bps);
          const diff = result * 10_000n - exact;
          expect((diff < 0n ? -diff : diff) <= 5_000n).toBe(true);
        },
      ),
      { numRuns: runs },
    );
  });
});
