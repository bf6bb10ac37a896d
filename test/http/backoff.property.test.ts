import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, MAX_RETRY_AFTER_MS, parseRetryAfter, resolveRetry, retryDelay } from '../../src/http/index.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 10_000);

describe('backoff', () => {
  it('every delay is an integer within [base, cap], also at attempt 10,000', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.constant(10_000), fc.constant(Number.MAX_SAFE_INTEGER)),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (base, extra, attempt, r) => {
          const policy = resolveRetry({ baseMs: base, capMs: base + extra, random: () => r });
          const delay = backoffDelay(policy, attempt);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(base);
          expect(delay).toBeLessThanOrEqual(base + extra);
        },
      ),
      { numRuns: runs },
    );
  });

  it('grows with the attempt until the cap (the ceiling doubles)', () => {
    const policy = resolveRetry({ baseMs: 100, capMs: 10_000, random: () => 0.999999 });
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 10_000].map((n) => backoffDelay(policy, n));
    expect(delays).toEqual([100, 199, 399, 799, 1599, 3199, 6399, 9999, 9999]);
  });

  it('a broken random source cannot push a delay out of range', () => {
    for (const r of [Number.NaN, -1, 2, Number.POSITIVE_INFINITY]) {
      const delay = backoffDelay({ baseMs: 10, capMs: 50, random: () => r }, 3);
      expect(delay).toBeGreaterThanOrEqual(10);
      expect(delay).toBeLessThanOrEqual(50);
    }
  });

  it('Retry-After delays are clamped to [0, maxRetryAfterMs]', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), fc.integer({ min: 0, max: 1_000_000 }), (retryAfter, max) => {
        const policy = resolveRetry({ maxRetryAfterMs: max, capMs: Math.max(200, max) });
        const delay = retryDelay(policy, 1, retryAfter);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.max(max, policy.capMs));
        if (Number.isFinite(retryAfter)) expect(delay).toBeLessThanOrEqual(max);
      }),
      { numRuns: runs },
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('reads seconds, 0, HTTP-dates, and ignores garbage', () => {
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter(new Date(now + 90_000).toUTCString(), now)).toBe(90_000);
    expect(parseRetryAfter(new Date(now - 90_000).toUTCString(), now)).toBe(0);
    for (const garbage of ['soon', '-5', '', '1e3', '0x10', 'NaN', '1,5', null, undefined]) {
      expect(parseRetryAfter(garbage, now)).toBeUndefined();
    }
  });

  it('clamps huge values', () => {
    expect(parseRetryAfter('99999999999999999999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('86400', now, 60_000)).toBe(60_000);
    expect(parseRetryAfter(new Date(now + 10 * 86_400_000).toUTCString(), now)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('never throws and stays within [0, max] for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const ms = parseRetryAfter(text, now, 5000);
        if (ms !== undefined) {
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(5000);
        }
      }),
      { numRuns: runs },
    );
  });
});
