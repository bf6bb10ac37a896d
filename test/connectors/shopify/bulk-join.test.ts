import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BulkRowJoin, type BulkRow } from '../../../src/connectors/shopify/bulk-join.js';

type Row = BulkRow & { variantsCount?: { count: number } };

/** Grouped rows of products with the given numbers of variants: each product, then its variants. */
function rowsOf(variants: readonly number[]): Row[] {
  return variants.flatMap((count, p) => [
    { id: `P${p}`, variantsCount: { count } },
    ...Array.from({ length: count }, (_, v) => ({ id: `V${p}-${v}`, __parentId: `P${p}` })),
  ]);
}

const announced = (row: Row) => row.variantsCount?.count;

function run(
  rows: readonly Row[],
  checkHeld = true,
): { joined: Map<string, string[]>; highWater: number; heldOk: boolean } {
  const join = new BulkRowJoin<Row>(announced);
  const joined = new Map<string, string[]>();
  // A reference model: rows seen so far that belong to a product not complete yet.
  const seen = new Map<string, number>();
  const done = new Set<string>();
  let heldOk = true;
  for (const row of rows) {
    const product = row.__parentId ?? row.id!;
    seen.set(product, (seen.get(product) ?? 0) + 1);
    const out = join.add(row);
    if (out) {
      joined.set(String(out.parent.id), out.children.map((child) => String(child.id)).sort());
      done.add(String(out.parent.id));
    }
    if (!checkHeld) continue;
    const unresolved = [...seen].filter(([id]) => !done.has(id)).reduce((sum, [, count]) => sum + count, 0);
    if (join.held !== unresolved) heldOk = false;
  }
  const rest = join.finish();
  for (const out of rest.incomplete)
    joined.set(String(out.parent.id), out.children.map((child) => String(child.id)).sort());
  return { joined, highWater: join.highWater, heldOk };
}

describe('BulkRowJoin: ungrouped bulk rows joined by __parentId in bounded memory', () => {
  it('joins every child to its parent for any row order, and holds exactly the rows of unresolved parents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 12 }).chain((variants) => {
          const rows = rowsOf(variants);
          return fc.tuple(
            fc.constant(variants),
            fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
          );
        }),
        ([variants, shuffled]) => {
          const { joined, heldOk } = run(shuffled);
          expect(heldOk).toBe(true);
          expect(joined.size).toBe(variants.length);
          variants.forEach((count, p) => {
            expect(joined.get(`P${p}`)).toEqual(Array.from({ length: count }, (_, v) => `V${p}-${v}`).sort());
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('grouped rows keep memory at one product; children before all parents is the worst case, all children held', () => {
    const variants = Array.from({ length: 1000 }, () => 3);
    const grouped = rowsOf(variants);
    expect(run(grouped, false).highWater).toBe(4);
    const childrenFirst = [
      ...grouped.filter((row) => row.__parentId !== undefined),
      ...grouped.filter((row) => row.__parentId === undefined),
    ];
    expect(run(childrenFirst, false).highWater).toBe(3000);
    // Parents first, then children: every product waits, plus the children of the one completing.
    const parentsFirst = [
      ...grouped.filter((row) => row.__parentId === undefined),
      ...grouped.filter((row) => row.__parentId !== undefined),
    ];
    expect(run(parentsFirst, false).highWater).toBe(1003);
  });

  it('hands back, at the end, parents that got fewer children than announced and children whose parent never came', () => {
    const join = new BulkRowJoin<Row>(announced);
    expect(join.add({ id: 'P1', variantsCount: { count: 2 } })).toBeUndefined();
    expect(join.add({ id: 'V1', __parentId: 'P1' })).toBeUndefined();
    expect(join.add({ id: 'V9', __parentId: 'P9' })).toBeUndefined();
    expect(join.add({ id: 'P2' })).toBeUndefined(); // no count: waits for the end
    const { incomplete, orphans } = join.finish();
    expect(incomplete.map((entry) => [entry.parent.id, entry.children.length, entry.complete])).toEqual([
      ['P1', 1, false],
      ['P2', 0, true],
    ]);
    expect([...orphans.keys()]).toEqual(['P9']);
    expect(join.held).toBe(0);
  });
});
