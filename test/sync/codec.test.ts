import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../src/stores/memory-store.js';
import { canonicalJson } from '../../src/stores/store.js';
import { decodeBase, decodeJournal, encodeBase, encodeJournal } from '../../src/sync/inventory/codec.js';
import { InventorySyncEngine } from '../../src/sync/inventory/engine.js';
import type { InMemoryInventorySource } from '../../src/sync/inventory/memory-source.js';
import type { SyncStep, WriteMode } from '../../src/sync/inventory/options.js';
import type { BaseRecord, Journal, SkuPlan } from '../../src/sync/inventory/state.js';
import { skuOf, world } from './world.js';

const RUNS = Number(process.env.MB_PROPERTY_RUNS ?? 200);
const name = fc.string({ minLength: 1, maxLength: 12 });
const quantity = fc.integer({ min: 0, max: 1_000_000 });
const version = fc.integer({ min: -1, max: 1_000_000 });
const baseRecord: fc.Arbitrary<BaseRecord> = fc.record({
  s: quantity,
  c: fc.dictionary(name, fc.record({ q: quantity, v: version }), { maxKeys: 4 }),
});

/** What the store hands back: the canonical JSON of the value, parsed. */
const throughStore = <T>(value: T): unknown => JSON.parse(canonicalJson(value));

const plan = (overrides: Partial<SkuPlan> = {}): SkuPlan => ({
  sku: 'A-1',
  local: 9,
  merged: 7,
  sourceDelta: -2,
  key: 'default:A-1@shop:3>4',
  explanation: 'Three-way merge: base 9, remote#1 -2 = 7. (remotes: shop)',
  observed: { shop: { q: 3, v: 4 }, market: { q: 4, v: 0 } },
  targets: { shop: 3, market: 4 },
  base: { s: 9, c: { shop: { q: 5, v: 3 }, market: { q: 4, v: 0 }, gone: { q: 1, v: -1 } } },
  ...overrides,
});

describe('stored forms of the sync state', () => {
  it('a base record survives the store in its flat form, whatever the channel names', () => {
    fc.assert(
      fc.property(baseRecord, (record) => {
        const stored = encodeBase(record);
        expect(stored).toHaveLength(1 + 3 * Object.keys(record.c).length);
        expect(decodeBase(throughStore(stored))).toEqual(record);
      }),
      { numRuns: RUNS },
    );
  });

  it('is smaller than the object form and reads the object form earlier versions stored', () => {
    const record: BaseRecord = { s: 9, c: { shop: { q: 5, v: 3 }, market: { q: 4, v: -1 } } };
    expect(canonicalJson(encodeBase(record))).toBe('[9,"shop",5,3,"market",4,-1]');
    expect(canonicalJson(encodeBase(record)).length).toBeLessThan(canonicalJson(record).length / 2);
    expect(decodeBase(throughStore(record))).toEqual(record);
  });

  it('reads anything else as no base', () => {
    for (const junk of [
      undefined,
      null,
      3,
      'x',
      [],
      ['9'],
      [9, 'shop', 5],
      [9, 5, 5, 3],
      [9, 'shop', '5', 3],
      { s: '9', c: {} },
      { s: 9 },
    ]) {
      expect(decodeBase(junk)).toBeUndefined();
    }
  });

  it('a journal keeps what a resumed round needs: targets, seen levels, the delta key and reason, bases to save', () => {
    const journal: Journal = {
      runId: 'r',
      batch: 3,
      round: 1,
      size: 5,
      last: 'E-5',
      status: 'planned',
      plans: [
        plan(),
        plan({ sku: 'B-2', local: 4, merged: 4, sourceDelta: 0, key: '', explanation: '', manual: 'task-b' }),
        plan({ sku: 'C-3', local: 0, merged: 2, sourceDelta: 2, fromTask: 'task-c', key: 'default:C-3@task:t' }),
      ],
    };
    const { base, ...withoutBase } = plan({
      sku: 'D-4',
      sourceDelta: 0,
      local: 7,
      key: '',
      explanation: '',
      observed: { market: { q: 4, v: 0 } },
      targets: { market: 7 },
    });
    journal.plans.push(withoutBase);
    expect(base).toBeDefined();
    const stored = encodeJournal(journal);
    expect(stored.channels).toEqual(['shop', 'market']);
    expect(stored.plans[3]).toEqual(['D-4', 7, 0, 0, null, 4, 0, 7]);
    // A decoded base keeps `s` and the channels the plan did not see: all that finishing the round reads.
    const needed = (p: SkuPlan): SkuPlan =>
      p.base
        ? {
            ...p,
            base: {
              s: p.base.s,
              c: Object.fromEntries(Object.entries(p.base.c).filter(([name]) => !p.observed[name])),
            },
          }
        : p;
    expect(decodeJournal(throughStore(stored))).toEqual({ ...journal, plans: journal.plans.map(needed) });
    const written: Journal = { ...journal, status: 'written', plans: [], retry: ['B-2'], manual: 1, tasks: ['task-c'] };
    expect(decodeJournal(throughStore(encodeJournal(written)))).toEqual(written);
  });

  it('reads journals in the form earlier versions stored (plan objects, bases by SKU)', () => {
    const old = {
      runId: 'r',
      batch: 0,
      round: 0,
      batchSkus: ['A-1'],
      status: 'written',
      plans: [{ ...plan(), observed: { shop: { q: 3, v: 4, at: '2026-11-22T10:00:00.000Z' } } }],
      bases: { 'A-1': { s: 7, c: { shop: { q: 3, v: 5 } } } },
    };
    const journal = decodeJournal(throughStore(old));
    expect(journal?.plans[0]?.observed.shop).toEqual({ q: 3, v: 4, at: '2026-11-22T10:00:00.000Z' });
    expect(journal?.bases).toEqual([['A-1', [7, 'shop', 3, 5]]]);
    expect(journal).toMatchObject({ size: 1, last: 'A-1' });
    expect(decodeJournal(undefined)).toBeUndefined();
  });
});

/** Rewrites a sync's state as earlier versions stored it: `{ s, c }` bases, plan objects, outcome objects in write markers. */
async function toPreviousFormat(store: MemoryStore, source: InMemoryInventorySource): Promise<number> {
  let rewritten = 0;
  const journalKey = (await store.list('sync:')).find((key) => key.endsWith(':journal'));
  const journal = journalKey ? decodeJournal(store.get(journalKey)) : undefined;
  for (const key of await store.list('sync:')) {
    const value = store.get(key);
    if (key.includes(':base:')) store.set(key, decodeBase(value));
    else if (key === journalKey && journal) {
      // Earlier versions listed the batch's SKUs instead of its size and last SKU.
      const { size, last, ...rest } = journal;
      const after = store.get<{ after?: string }>('sync:default:default:run')?.after;
      const batchSkus = source.listSkus(after, size);
      expect(batchSkus[batchSkus.length - 1]).toBe(last);
      const legacy: Record<string, unknown> = { ...rest, batchSkus };
      if (journal.status === 'written') {
        // Earlier versions saved a written round's bases only after the journal: take them back out.
        const bases: Record<string, unknown> = {};
        for (const sku of batchSkus) {
          bases[sku] = decodeBase(store.get(`sync:default:default:base:${sku}`));
          store.delete(`sync:default:default:base:${sku}`);
        }
        legacy.bases = bases;
      }
      store.set(key, legacy);
    } else if (key.includes(':w:') && journal?.status === 'planned') {
      // Earlier versions named a call's items by SKU and recorded outcome objects.
      const marker = value as { channel: string; plans: number[]; outcomes?: (number | null | [string, string])[] };
      const skus = marker.plans.map((index) => journal!.plans[index]!.sku);
      const outcomes = marker.outcomes?.map((outcome, i) => {
        const target = journal!.plans[marker.plans[i]!]!.targets[marker.channel];
        if (typeof outcome === 'number') return { kind: 'done', base: { q: target, v: outcome } };
        return outcome === null ? { kind: 'retry' } : { kind: 'failed', code: outcome[0], message: outcome[1] };
      });
      store.set(key, { channel: marker.channel, skus, ...(outcomes ? { outcomes } : {}) });
    } else continue;
    rewritten++;
  }
  return rewritten;
}

describe('upgrading with state stored by an earlier version', () => {
  it('three-way merges against old-format bases: sales since the last sync are counted once', async () => {
    const w = world({ skus: 20, channels: 2, stock: () => 10 });
    await w.engine().runSync();
    expect(await toPreviousFormat(w.store, w.source)).toBe(20);
    expect(await w.engine().base(skuOf(3))).toEqual(decodeBase(w.store.get(`sync:default:default:base:${skuOf(3)}`)));
    w.channels[0]!.placeOrder([{ sku: skuOf(3), quantity: 2 }]);
    w.channels[1]!.placeOrder([{ sku: skuOf(4), quantity: 1 }]);
    const report = await w.engine().runSync({ mode: 'full' });
    expect(report.sourceDeltas).toBe(2);
    expect(w.source.get(skuOf(3))!.available).toBe(8);
    expect(w.source.get(skuOf(4))!.available).toBe(9);
    expect(Array.isArray(w.store.get(`sync:default:default:base:${skuOf(3)}`))).toBe(true);
  });

  for (const writeMode of ['compare-and-set', 'adjust'] as WriteMode[]) {
    for (const at of ['between', 'written'] as const) {
      it(`finishes an old-format journal left by a crash (${writeMode}, ${at === 'between' ? 'between two channels' : 'after the writes'}) once`, async () => {
        const w = world({ skus: 30, channels: 2, stock: () => 10, sim: { maxBatchSize: 10 } });
        const engine = (onStep?: (step: SyncStep) => void) =>
          new InventorySyncEngine({
            source: w.source,
            channels: w.channels.map((marketplace) => ({ marketplace, writeMode })),
            context: { store: w.store, clock: w.clock },
            ...(onStep ? { onStep } : {}),
          });
        await engine().runSync();
        for (let n = 1; n <= 30; n++) w.channels[n % 2]!.placeOrder([{ sku: skuOf(n), quantity: 1 + (n % 3) }]);
        const applied = w.source.appliedCount;
        let crashed = false;
        const crash = (step: SyncStep) => {
          const hit =
            at === 'between' ? step.name === 'before_write' && step.marketplace === 'chan-1' : step.name === 'written';
          if (hit && step.batch === 1 && !crashed) {
            crashed = true;
            throw new Error('crash');
          }
        };
        await expect(engine(crash).runSync({ mode: 'full' })).rejects.toThrow('crash');
        expect(await toPreviousFormat(w.store, w.source)).toBeGreaterThan(10);
        expect((await engine().runSync()).status).toBe('completed');
        for (let n = 1; n <= 30; n++) {
          const units = 10 - (1 + (n % 3));
          expect(w.source.get(skuOf(n))!.available).toBe(units);
          expect(w.shown(0, skuOf(n)) + w.shown(1, skuOf(n))).toBe(units);
        }
        expect(w.source.appliedCount - applied).toBe(30);
        for (let n = 1; n <= 30; n++) expect((await engine().base(skuOf(n)))?.s).toBe(10 - (1 + (n % 3)));
      });
    }
  }
});
