import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../../src/index.js';
import { SimulatedMarketplace } from '../../src/simulated/index.js';
import { FakeClock } from '../../src/testing/index.js';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function make(config: ConstructorParameters<typeof SimulatedMarketplace>[0] = {}) {
  const clock = new FakeClock();
  return {
    clock,
    sim: new SimulatedMarketplace(
      {
        rateLimit: false,
        products: 3,
        variantsPerProduct: { min: 1, max: 1 },
        initialStock: { min: 10, max: 10 },
        ...config,
      },
      { clock },
    ),
  };
}

async function rejection(call: Promise<unknown>): Promise<ValidationError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const price = async (sim: SimulatedMarketplace, sku: string) =>
  (await sim.getProduct(sim.snapshot().products.find((p) => p.offers.some((o) => o.sku === sku))!.id)).offers.find(
    (o) => o.sku === sku,
  )!.price;
const available = async (sim: SimulatedMarketplace, sku: string) =>
  (await sim.getInventory({ skus: [sku] }))[0]!.available;

describe('the simulated marketplace rejects bad input whole, before anything is written', () => {
  it('a USD price on an EUR marketplace rejects the whole price batch; the valid update is not written', async () => {
    const { sim } = make();
    const before = await price(sim, 'SKU-00001');
    const error = await rejection(
      sim.updatePrices([
        { sku: 'SKU-00001', price: eur(1234) },
        { sku: 'SKU-00002', price: usd(1500) },
        { sku: 'SKU-00003', price: eur(1500), compareAtPrice: usd(2000) },
      ]),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      [1, 'price', 'currency'],
      [2, 'compareAtPrice', 'currency'],
    ]);
    expect(error.message).toContain('sells in EUR; got USD');
    expect(await price(sim, 'SKU-00001')).toEqual(before);
  });

  it('a product whose two offers share a SKU rejects the whole upsert; the valid product is not created', async () => {
    const { sim } = make({ products: 0 });
    const error = await rejection(
      sim.upsertProducts([
        { title: 'Mug', offers: [{ sku: 'MUG', price: eur(899) }] },
        {
          title: 'Lamp',
          offers: [
            { sku: 'LAMP', price: eur(1999) },
            { sku: 'LAMP', price: eur(2999) },
          ],
        },
      ]),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({
        path: [1, 'offers', 1, 'sku'],
        message: expect.stringContaining('already the SKU of offer 0'),
      }),
    ]);
    expect(sim.snapshot().products).toEqual([]);
    expect(sim.snapshot().inventory).toEqual([]);
  });

  it('two products of one batch with the same SKU, a product twice, or a price in another currency reject the upsert whole', async () => {
    const { sim } = make({ products: 0 });
    const error = await rejection(
      sim.upsertProducts([
        { title: 'Mug', offers: [{ sku: 'MUG', price: eur(899) }] },
        { title: 'Mug copy', offers: [{ sku: 'MUG', price: eur(899) }] },
        { title: 'Lamp', offers: [{ sku: 'LAMP', price: usd(1999) }] },
        { title: 'Bowl', offers: [{ sku: 'BOWL', price: eur(-1) }] },
      ]),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([
      [1, 'offers', 0, 'sku'],
      [2, 'offers', 0, 'price', 'currency'],
      [3, 'offers', 0, 'price', 'amountMinor'],
    ]);
    expect(sim.snapshot().products).toEqual([]);
    const { sim: full } = make();
    const id = full.snapshot().products[0]!.id;
    const twice = await rejection(
      full.upsertProducts([
        { id, title: 'A', offers: [{ sku: 'A', price: eur(1) }] },
        { id, title: 'B', offers: [{ sku: 'B', price: eur(1) }] },
      ]),
    );
    expect(twice.issues.map((issue) => issue.path)).toEqual([[1, 'id']]);
  });

  it('one SKU twice in a price batch, or one idempotency key for two different writes, rejects the batch whole', async () => {
    const { sim } = make();
    const prices = await rejection(
      sim.updatePrices([
        { sku: 'SKU-00001', price: eur(100) },
        { sku: 'SKU-00001', price: eur(200) },
      ]),
    );
    expect(prices.issues.map((issue) => issue.path)).toEqual([[1, 'sku']]);
    const adjust = await rejection(
      sim.adjustInventory([
        { sku: 'SKU-00001', delta: 1, idempotencyKey: 'k' },
        { sku: 'SKU-00002', delta: 1, idempotencyKey: 'k' },
      ]),
    );
    expect(adjust.issues).toEqual([expect.objectContaining({ path: [1, 'idempotencyKey'] })]);
    const set = await rejection(
      sim.setInventory([
        { sku: 'SKU-00001', quantity: 1, idempotencyKey: 'k' },
        { sku: 'SKU-00001', quantity: 2, idempotencyKey: 'k' },
      ]),
    );
    expect(set.issues).toEqual([expect.objectContaining({ path: [1, 'idempotencyKey'] })]);
    expect(await available(sim, 'SKU-00001')).toBe(10);
    expect(await available(sim, 'SKU-00002')).toBe(10);
    // the same write twice under one key is a replay, not a conflict: it applies once
    const replayed = await sim.adjustInventory([
      { sku: 'SKU-00001', delta: 1, idempotencyKey: 'k' },
      { sku: 'SKU-00001', delta: 1, idempotencyKey: 'k' },
    ]);
    expect(replayed.succeeded).toBe(2);
    expect(await available(sim, 'SKU-00001')).toBe(11);
  });

  it('failures that depend on the marketplace state stay per item while the rest is written', async () => {
    const { sim } = make();
    const result = await sim.updatePrices([
      { sku: 'SKU-00001', price: eur(1234) },
      { sku: 'NOPE', price: eur(1) },
    ]);
    expect(result.succeeded).toBe(1);
    expect(!result.items[1]!.ok && result.items[1]!.error).toBeInstanceOf(NotFoundError);
    expect(await price(sim, 'SKU-00001')).toEqual(eur(1234));
  });
});

describe('idempotency keys of the simulated marketplace name one write', () => {
  it('refuses a key reused for an adjustment of another SKU instead of answering with the first SKU and applying nothing', async () => {
    const { sim } = make();
    const first = await sim.adjustInventory([{ sku: 'SKU-00001', delta: 5, idempotencyKey: 'restock-1' }]);
    expect(first.items[0]).toMatchObject({ ok: true, value: { sku: 'SKU-00001', available: 15 } });
    const reused = await sim.adjustInventory([{ sku: 'SKU-00002', delta: 3, idempotencyKey: 'restock-1' }]);
    expect(reused.items[0]).toMatchObject({ ok: false });
    const error = !reused.items[0]!.ok ? reused.items[0]!.error : undefined;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      retryable: false,
      message: expect.stringContaining('restock-1 was already used for a different write'),
    });
    expect(await available(sim, 'SKU-00002')).toBe(10);
    // another delta under the key is refused too; the same adjustment is still a replay
    expect(
      (await sim.adjustInventory([{ sku: 'SKU-00001', delta: 6, idempotencyKey: 'restock-1' }])).items[0],
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      (await sim.adjustInventory([{ sku: 'SKU-00001', delta: 5, idempotencyKey: 'restock-1' }])).items[0],
    ).toMatchObject({ ok: true, value: { available: 15 } });
    expect(await available(sim, 'SKU-00001')).toBe(15);
  });

  it('refuses a set key reused on another SKU or for another quantity; the same set is still a replay', async () => {
    const { sim } = make();
    expect((await sim.setInventory([{ sku: 'SKU-00001', quantity: 4, idempotencyKey: 'w-1' }])).items[0]).toMatchObject(
      { ok: true, value: { available: 4 } },
    );
    expect((await sim.setInventory([{ sku: 'SKU-00002', quantity: 4, idempotencyKey: 'w-1' }])).items[0]).toMatchObject(
      { ok: false, error: { code: 'conflict' } },
    );
    expect((await sim.setInventory([{ sku: 'SKU-00001', quantity: 7, idempotencyKey: 'w-1' }])).items[0]).toMatchObject(
      { ok: false, error: { code: 'conflict' } },
    );
    expect(await available(sim, 'SKU-00002')).toBe(10);
    expect(await available(sim, 'SKU-00001')).toBe(4);
    expect((await sim.setInventory([{ sku: 'SKU-00001', quantity: 4, idempotencyKey: 'w-1' }])).items[0]).toMatchObject(
      { ok: true, value: { available: 4 } },
    );
  });

  it('recognises a set key reused on the same level after 10,000 newer keys elsewhere pushed it out of the recent keys', async () => {
    const { sim } = make({ products: 10_002, maxBatchSize: 20_000, initialStock: { min: 1, max: 1 } });
    await sim.setInventory([{ sku: 'SKU-00001', quantity: 4, idempotencyKey: 'old' }]);
    const skus = sim
      .snapshot()
      .inventory.map((level) => level.sku)
      .filter((sku) => sku !== 'SKU-00001');
    expect(
      (await sim.setInventory(skus.map((sku, i) => ({ sku, quantity: 2, idempotencyKey: `n-${i}` })))).succeeded,
    ).toBe(10_001);
    expect((await sim.setInventory([{ sku: 'SKU-00001', quantity: 9, idempotencyKey: 'old' }])).items[0]).toMatchObject(
      { ok: false, error: { code: 'conflict' } },
    );
    expect(await available(sim, 'SKU-00001')).toBe(4);
  });
});

describe('stock stays within the safe integer range', () => {
  it('refuses adjustInventory by MAX_SAFE_INTEGER and a set that takes on-hand stock past it', async () => {
    const { sim } = make();
    const result = await sim.adjustInventory([
      { sku: 'SKU-00001', delta: Number.MAX_SAFE_INTEGER },
      { sku: 'SKU-00002', delta: 1 },
    ]);
    expect(result.items[0]).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', message: expect.stringContaining('beyond 9007199254740991') },
    });
    expect(result.items[1]).toMatchObject({ ok: true, value: { available: 11 } });
    expect(await available(sim, 'SKU-00001')).toBe(10);
    sim.placeOrder([{ sku: 'SKU-00001', quantity: 1 }]);
    const set = await sim.setInventory([{ sku: 'SKU-00001', quantity: Number.MAX_SAFE_INTEGER }]);
    expect(set.items[0]).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await available(sim, 'SKU-00001')).toBe(9);
    const level = (await sim.getInventory({ skus: ['SKU-00001'] }))[0]!;
    expect(Number.isSafeInteger(level.onHand)).toBe(true);
    await expect(
      sim.adjustInventory([{ sku: 'SKU-00001', delta: Number.MAX_SAFE_INTEGER + 2 }]),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
