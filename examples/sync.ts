/**
 * Inventory sync end to end, offline: one source of truth, two simulated marketplaces, sales on
 * both, a dry run, a sync, a crash and a resume, a manual conflict, and a CSV import.
 *
 *   npx tsx examples/sync.ts
 */
import { z } from 'zod';
import {
  ConflictResolver,
  InMemoryInventorySource,
  InventorySyncEngine,
  importRecords,
  runSync,
  continueSync,
} from 'marketbridge/sync';
import { MemoryStore } from 'marketbridge';
import { SimulatedMarketplace } from 'marketbridge/simulated';
import { FakeClock } from 'marketbridge/testing';

const clock = new FakeClock(Date.UTC(2026, 10, 22, 9));
const store = new MemoryStore({ clock });

// 1. The host's stock (its own database in real life) and two marketplaces listing the same SKUs.
const source = new InMemoryInventorySource({ 'SKU-00001': 10, 'SKU-00002': 4, 'SKU-00003': 0, 'SKU-00004': 25 }, clock);
const shop = new SimulatedMarketplace(
  { name: 'shop', seed: 1, products: 4, variantsPerProduct: { min: 1, max: 1 }, rateLimit: false },
  { clock },
);
const market = new SimulatedMarketplace(
  { name: 'market', seed: 2, products: 4, variantsPerProduct: { min: 1, max: 1 }, rateLimit: false },
  { clock },
);
const resolver = new ConflictResolver({ fields: { quantity: 'merge' }, store, clock });

const engine = (onStep?: () => void) =>
  new InventorySyncEngine({
    source,
    channels: [{ marketplace: shop }, { marketplace: market, safetyStock: 1 }],
    context: { store, clock },
    resolver,
    ...(onStep ? { onStep } : {}),
  });

// 2. Dry run: what would change, nothing written.
const plan = await engine().plan();
console.log(`dry run: ${plan.changes.length} SKUs would change, e.g. ${JSON.stringify(plan.changes[0]?.channels)}`);

// 3. First sync: every channel gets its share of the stock (never more than there is in total).
const first = await runSync(engine());
console.log(
  `first sync: ${first.status}, ${first.skus} SKUs, writes ${JSON.stringify(Object.fromEntries(Object.entries(first.channels).map(([n, c]) => [n, c.written])))}`,
);

// 4. Buyers order on both marketplaces; the host restocks one SKU.
shop.placeOrder([{ sku: 'SKU-00001', quantity: 2 }]);
market.placeOrder([{ sku: 'SKU-00001', quantity: 1 }]);
source.set('SKU-00004', 30);
await clock.advance(60_000);

// 5. A sync that dies half-way is resumed by another process from its last checkpoint.
let steps = 0;
await runSync(
  engine(() => {
    if (++steps === 3) throw new Error('process killed');
  }),
).catch((error: Error) => console.log(`sync interrupted: ${error.message}`));
const resumed = await continueSync(engine());
console.log(`resumed: ${resumed.status}; ${resumed.sourceDeltas} change(s) merged into the source`);
console.log(
  `SKU-00001 now: source ${source.get('SKU-00001')?.available} (10 - 2 - 1), shop ${level(shop, 'SKU-00001')}, market ${level(market, 'SKU-00001')}`,
);

// 6. A CSV stock file, streamed, validated and imported in chunks (resumable by its id).
const csv = 'Item SKU,Qty\nSKU-00002,7\nSKU-00003,not-a-number\nSKU-00003,5\n';
const imported = await importRecords({
  id: 'stock-file-1',
  format: 'csv',
  input: [csv],
  schema: z.object({ sku: z.string().min(1), quantity: z.coerce.number().int().min(0) }),
  columnMapping: { 'Item SKU': 'sku', Qty: 'quantity' },
  write: (rows) => {
    for (const row of rows) source.set(row.sku, row.quantity);
  },
  context: { store },
});
console.log(
  `import: ${imported.imported} rows imported, ${imported.rejected} rejected (${imported.rejections[0]?.reasons[0]?.path}: ${imported.rejections[0]?.reasons[0]?.message})`,
);
const after = await runSync(engine());
console.log(
  `incremental sync after the import: ${after.totalSkus} SKUs looked at; SKU-00003 on shop: ${level(shop, 'SKU-00003')}`,
);

function level(marketplace: SimulatedMarketplace, sku: string): number | undefined {
  return marketplace.snapshot().inventory.find((l) => l.sku === sku)?.available;
}
