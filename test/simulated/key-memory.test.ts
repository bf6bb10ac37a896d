import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hash53 } from '../../src/core/hash.js';
import { KeyHashMemory, KeyMemory } from '../../src/simulated/key-memory.js';

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

describe('KeyHashMemory', () => {
  it('forgets the least recently written key beyond max and a key after ttlMs', () => {
    const memory = new KeyHashMemory(3, 100);
    for (const [key, body] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['a', 4],
      ['d', 5],
    ] as const)
      memory.set(hash53(key), body, 0);
    expect(memory.get(hash53('b'), 0)).toBeUndefined();
    expect([memory.get(hash53('a'), 0), memory.get(hash53('c'), 0), memory.get(hash53('d'), 0)]).toEqual([4, 3, 5]);
    expect(memory.get(hash53('a'), 100)).toBeUndefined();
    expect(memory.size).toBe(2);
  });

  it('behaves like a delete-then-insert Map bounded to max, also when keys collide in its table', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        // Keys that share their low bits land in one probe run: deletions must close its gaps.
        fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3 })), {
          maxLength: 2_000,
        }),
        (max, steps) => {
          const memory = new KeyHashMemory(max, 10);
          const model = new Map<number, { body: number; at: number }>();
          let now = 0;
          steps.forEach(([op, n, tick], body) => {
            now += tick;
            const key = n * 0x100000000 + (n % 3) * 64;
            if (op === 0) {
              const entry = model.get(key);
              const alive = entry && now - entry.at < 10;
              if (entry && !alive) model.delete(key);
              expect(memory.get(key, now)).toBe(alive ? entry.body : undefined);
              return;
            }
            model.delete(key);
            model.set(key, { body, at: now });
            while (model.size > max) model.delete(model.keys().next().value as number);
            memory.set(key, body, now);
            expect(memory.size).toBe(model.size);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
