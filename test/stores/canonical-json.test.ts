import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/stores/store.js';

/** The straightforward definition: copy every object with its keys sorted by Array#sort. */
function reference(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(inner).sort()) sorted[key] = (inner as Record<string, unknown>)[key];
      return sorted;
    }
    return inner;
  });
}

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 300);

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    expect(canonicalJson({ v: 2, q: 4, at: 'x' })).toBe('{"at":"x","q":4,"v":2}');
  });

  it('gives equal text for equal values built in different orders', () => {
    const one = { s: 9, c: { shop: { q: 5, v: 3 }, market: { q: 4, v: -1 } } };
    const two = { c: { market: { v: -1, q: 4 }, shop: { v: 3, q: 5 } }, s: 9 };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('handles objects with many keys, integer-like keys and undefined values like the reference', () => {
    const wide: Record<string, number> = {};
    for (let i = 60; i > 0; i--) wide[`k${i}`] = i;
    expect(canonicalJson(wide)).toBe(reference(wide));
    const mixed = { 10: 'a', 9: 'b', z: undefined, a: null, '-1': 1 };
    expect(canonicalJson(mixed)).toBe(reference(mixed));
    expect(canonicalJson(mixed)).not.toContain('"z"');
  });

  it('matches the reference on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: runs },
    );
  });

  it('does not depend on the order keys were inserted', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(record));
      }),
      { numRuns: runs },
    );
  });
});
