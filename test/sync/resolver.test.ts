import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { EventBus } from '../../src/core/events.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { ConflictResolver } from '../../src/sync/resolver/conflict-resolver.js';
import { mergeQuantities } from '../../src/sync/resolver/merge.js';

const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 300);
const qty = fc.integer({ min: 0, max: 10_000 });
const value = fc.oneof(qty, fc.string(), fc.boolean());
const at = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) });

describe('mergeQuantities (three-way merge)', () => {
  it('counts every sale on every channel and the local change, and never goes below zero', () => {
    fc.assert(
      fc.property(
        qty,
        fc.integer({ min: -500, max: 500 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 5 }),
        (base, localDelta, sales) => {
          const local = Math.max(0, base + localDelta);
          const remotes = sales.map((sold) => Math.max(0, base - sold));
          const merged = mergeQuantities({ base, local, remotes });
          const expected = local + remotes.reduce((sum, remote) => sum + (remote - base), 0);
          expect(merged.value).toBe(Math.max(0, expected));
          expect(merged.value).toBeGreaterThanOrEqual(0);
          expect(merged.clamped).toBe(expected < 0);
          // no sale is lost: the merge is at most what the local side would have after every remote sale
          if (!merged.clamped)
            expect(local - merged.value).toBe(remotes.reduce((sum, remote) => sum + (base - remote), 0));
          expect(merged.explanation).toContain('Three-way merge');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('is symmetric in the order of the remotes and idempotent when nothing changed', () => {
    fc.assert(
      fc.property(qty, qty, fc.array(qty, { maxLength: 4 }), (base, local, remotes) => {
        expect(mergeQuantities({ base, local, remotes }).value).toBe(
          mergeQuantities({ base, local, remotes: [...remotes].reverse() }).value,
        );
        expect(mergeQuantities({ base, local: base, remotes: remotes.map(() => base) }).value).toBe(base);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('ConflictResolver strategies', () => {
  const conflict = fc.record({
    key: fc.string({ minLength: 1 }),
    field: fc.constantFrom('price', 'title', 'quantity'),
    local: value,
    remote: value,
  });

  it('local_wins always yields local; remote_wins always yields remote; both explain', async () => {
    const resolver = new ConflictResolver();
    await fc.assert(
      fc.asyncProperty(conflict, async (c) => {
        const local = (
          await resolver.resolve({ ...c, local: { value: c.local }, remote: { value: c.remote } }, 'local_wins')
        )._unsafeUnwrap();
        const remote = (
          await resolver.resolve({ ...c, local: { value: c.local }, remote: { value: c.remote } }, 'remote_wins')
        )._unsafeUnwrap();
        expect(local.value).toEqual(c.local);
        expect(remote.value).toEqual(c.remote);
        expect(local.explanation.length).toBeGreaterThan(0);
        expect(remote.explanation.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('most_recent takes the later side beyond the skew tolerance and breaks ties inside it', async () => {
    const skew = 2_000;
    const resolvers = {
      local_wins: new ConflictResolver({ skewToleranceMs: skew, tieBreaker: 'local_wins' }),
      remote_wins: new ConflictResolver({ skewToleranceMs: skew, tieBreaker: 'remote_wins' }),
    };
    await fc.assert(
      fc.asyncProperty(
        qty,
        qty,
        at,
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.constantFrom('local_wins', 'remote_wins') as fc.Arbitrary<'local_wins' | 'remote_wins'>,
        async (l, r, t, gap, tie) => {
          fc.pre(l !== r);
          const result = (
            await resolvers[tie].resolve(
              {
                key: 'k',
                field: 'quantity',
                local: { value: l, updatedAt: t },
                remote: { value: r, updatedAt: new Date(t + gap).toISOString() },
              },
              'most_recent',
            )
          )._unsafeUnwrap();
          if (gap > skew) expect(result.value).toBe(r);
          else if (gap < -skew) expect(result.value).toBe(l);
          else {
            expect(result.value).toBe(tie === 'local_wins' ? l : r);
            expect(result.explanation).toContain('clock-skew tolerance');
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('merge resolves numbers three ways and refuses what it cannot merge', async () => {
    const resolver = new ConflictResolver({ fields: { quantity: 'merge' } });
    await fc.assert(
      fc.asyncProperty(qty, qty, qty, async (base, local, remote) => {
        fc.pre(local !== remote);
        const result = (
          await resolver.resolve({
            key: 'k',
            field: 'quantity',
            base,
            local: { value: local },
            remote: { value: remote },
          })
        )._unsafeUnwrap();
        expect(result.value).toBe(Math.max(0, local + remote - base));
        expect(result.winner).toBe('merged');
      }),
      { numRuns: RUNS },
    );
    const refused = await resolver.resolve({ key: 'k', field: 'quantity', local: { value: 1 }, remote: { value: 2 } });
    expect(refused._unsafeUnwrapErr().reason).toBe('merge_not_applicable');
  });

  it('custom functions decide and a throwing one is a Result error, not an exception', async () => {
    const resolver = new ConflictResolver({
      fields: {
        quantity: ({ local, remote }) => ({
          value: Math.min(local.value, remote.value),
          explanation: 'the lower is safer',
        }),
        title: () => {
          throw new Error('boom');
        },
      },
    });
    await fc.assert(
      fc.asyncProperty(qty, qty, async (l, r) => {
        fc.pre(l !== r);
        const result = (
          await resolver.resolve({ key: 'k', field: 'quantity', local: { value: l }, remote: { value: r } })
        )._unsafeUnwrap();
        expect(result.value).toBe(Math.min(l, r));
        expect(result.explanation).toContain('the lower is safer');
      }),
      { numRuns: RUNS },
    );
    const failed = await resolver.resolve({ key: 'k', field: 'title', local: { value: 'a' }, remote: { value: 'b' } });
    expect(failed._unsafeUnwrapErr()).toMatchObject({ reason: 'custom_failed' });
  });

  it('manual parks one task per key and field that the host lists and resolves', async () => {
    const clock = new FakeClock();
    const events = new EventBus();
    const seen: string[] = [];
    events.on('conflict', (e) => seen.push(`${e.field}:${e.resolution}`));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.constantFrom('A', 'B', 'C'), qty, qty).filter(([, l, r]) => l !== r),
          { minLength: 1, maxLength: 10 },
        ),
        async (conflicts) => {
          const resolver = new ConflictResolver({
            default: 'manual',
            store: new MemoryStore({ clock }),
            clock,
            events,
          });
          for (const [key, l, r] of conflicts) {
            const result = await resolver.resolve({
              key,
              field: 'quantity',
              local: { value: l },
              remote: { value: r },
            });
            expect(result._unsafeUnwrapErr()).toMatchObject({
              reason: 'manual_required',
              details: { taskId: `${key}#quantity` },
            });
          }
          const open = await resolver.tasks.list('open');
          expect(open.map((t) => t.id).sort()).toEqual(
            [...new Set(conflicts.map(([key]) => `${key}#quantity`))].sort(),
          );
          for (const task of open)
            expect((await resolver.tasks.resolve(task.id, 7))._unsafeUnwrap().status).toBe('resolved');
          for (const task of open)
            expect((await resolver.tasks.resolve(task.id, 8))._unsafeUnwrapErr().reason).toBe('already_resolved');
          for (const task of open) expect((await resolver.tasks.take(task.id))?.resolution?.value).toBe(7);
          expect(await resolver.tasks.list()).toEqual([]);
        },
      ),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(seen.every((entry) => entry === 'quantity:manual')).toBe(true);
  });

  it('field-level policies apply per field in resolveRecord, with an explanation per field', async () => {
    const resolver = new ConflictResolver({
      default: 'remote_wins',
      fields: { price: 'local_wins', quantity: 'merge' },
    });
    const out = await resolver.resolveRecord('SKU-1', {
      base: { quantity: 10 },
      local: { price: 1000, title: 'Mug', quantity: 12 },
      remote: { price: 900, title: 'Blue mug', quantity: 7 },
    });
    expect(out.value).toEqual({ price: 1000, title: 'Blue mug', quantity: 9 });
    expect(out.resolutions.map((r) => [r.field, r.strategy])).toEqual([
      ['price', 'local_wins'],
      ['quantity', 'merge'],
      ['title', 'remote_wins'],
    ]);
    expect(out.unresolved).toEqual([]);
  });

  it('rejects bad options all at once', () => {
    expect(
      () => new ConflictResolver({ default: 'newest' as never, skewToleranceMs: -1, fields: { price: 'x' as never } }),
    ).toThrow(ValidationError);
    try {
      new ConflictResolver({ default: 'newest' as never, skewToleranceMs: -1, fields: { price: 'x' as never } });
    } catch (error) {
      expect((error as ValidationError).issues).toHaveLength(3);
    }
  });
});
