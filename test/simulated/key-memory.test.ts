import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyMemory } from '../../src/simulated/key-memory.js';

describe('KeyMemory', () => {
  it('forgets the oldest key beyond max, counting a rewrite as new', () => {
    const memory = new KeyMemory<number>(3, 1_000);
    memory.set('a', 1, 0);
    memory.set('b', 2, 0);
    memory.set('c', 3, 0);
    memory.set('a', 4, 0); // a is now the newest
    memory.set('d', 5, 0); // b goes
    expect(memory.get('b', 0)).toBeUndefined();
    expect([memory.get('a', 0), memory.get('c', 0), memory.get('d', 0)]).toEqual([4, 3, 5]);
  });

  it('forgets a key after ttlMs and does not count the expired one against max', () => {
    const memory = new KeyMemory<number>(2, 100);
    memory.set('a', 1, 0);
    memory.set('b', 2, 50);
    expect(memory.get('a', 100)).toBeUndefined();
    memory.set('c', 3, 100);
    expect([memory.get('b', 100), memory.get('c', 100)]).toEqual([2, 3]);
  });

  it('behaves like a delete-then-insert Map bounded to max, over any sequence of writes and reads', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 8 })), { maxLength: 3_000 }),
        (max, steps) => {
          const memory = new KeyMemory<number>(max, 1e9);
          const model = new Map<string, number>();
          steps.forEach(([write, n], value) => {
            const key = `k${n}`;
            if (!write) {
              expect(memory.get(key, 0)).toBe(model.get(key));
              return;
            }
            model.delete(key);
            model.set(key, value);
            while (model.size > max) model.delete(model.keys().next().value as string);
            memory.set(key, value, 0);
          });
          for (let n = 0; n <= 8; n++) expect(memory.get(`k${n}`, 0)).toBe(model.get(`k${n}`));
        },
      ),
      { numRuns: 200 },
    );
  });
});
