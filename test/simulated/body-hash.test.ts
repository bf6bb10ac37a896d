import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash53 } from '../../src/core/hash.js';
import { setFingerprint } from '../../src/simulated/batch-checks.js';
import { setBodyHash } from '../../src/simulated/body-hash.js';

describe('setBodyHash', () => {
  it('equals hash53 of the set fingerprint for any set', () => {
    const update = fc.record(
      {
        sku: fc.string({ unit: 'binary' }),
        quantity: fc.nat(),
        expectedVersion: fc.nat(),
        expectedAvailable: fc.nat(),
      },
      { requiredKeys: ['sku', 'quantity'] },
    );
    fc.assert(
      fc.property(update, fc.string(), (u, location) => {
        expect(setBodyHash(u, location)).toBe(hash53(setFingerprint(u, location)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('tells apart sets that differ in one field', () => {
    const base = { sku: 'A-1', quantity: 5 };
    const hashes = new Set([
      setBodyHash(base, 'WH-1'),
      setBodyHash({ ...base, quantity: 6 }, 'WH-1'),
      setBodyHash(base, 'WH-2'),
      setBodyHash({ ...base, expectedVersion: 5 }, 'WH-1'),
      setBodyHash({ ...base, expectedAvailable: 5 }, 'WH-1'),
    ]);
    expect(hashes.size).toBe(5);
  });
});
