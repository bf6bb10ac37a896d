import { describe, expect, it } from 'vitest';
import { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

describe('InMemoryInventorySource', () => {
  it('loads the same levels from a record, a Map and a generator of [sku, units] pairs', () => {
    const clock = new FakeClock(0);
    function* pairs(): Generator<[string, number]> {
      yield ['B-2', 4];
      yield ['A-1', 10];
    }
    const sources = [
      new InMemoryInventorySource({ 'B-2': 4, 'A-1': 10 }, clock),
      new InMemoryInventorySource(
        new Map([
          ['B-2', 4],
          ['A-1', 10],
        ]),
        clock,
      ),
      new InMemoryInventorySource(pairs(), clock),
    ];
    for (const source of sources) {
      expect(source.listSkus(undefined, 10)).toEqual(['A-1', 'B-2']);
      expect(source.getLevels(['A-1', 'B-2'])).toEqual([
        { sku: 'A-1', available: 10, updatedAt: '1970-01-01T00:00:00.000Z' },
        { sku: 'B-2', available: 4, updatedAt: '1970-01-01T00:00:00.000Z' },
      ]);
    }
  });
});
