import { describe, expect, it } from 'vitest';
import { isMarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import type { ValidationError } from '../../../src/core/errors/validation-error.js';
import { money } from '../../../src/model/money.js';
import type { Product } from '../../../src/model/product.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

describe('listing the catalog', () => {
  it('reads past 1,000 items with the scan search (scroll_id) and multiget, 100 ids and 20 items a call', async () => {
    const { ml, simulator, clock } = setup(
      server,
      { limits: { 'items-read': { ratePerSecond: 1000, burst: 1000 } } },
      { limits: { 'items-read': { ratePerSecond: 1000, burst: 1000 } } },
    );
    for (let i = 0; i < 1205; i++)
      simulator.catalog.addItem({ title: `Item ${i}`, price: 100 + i, quantity: i % 7, sku: `SKU-${i}` });
    const products = await clock.drive(() => drain(ml.listProducts()));
    expect(products).toHaveLength(1205);
    expect(new Set(products.map((product) => product.offers[0]!.sku)).size).toBe(1205);
    const reads = simulator.stats().resources['items-read']!;
    // 13 scan pages (the last one empty) and 61 multigets.
    expect(reads.calls).toBe(13 + 61);
  });

  it('reads a page only when the consumer reaches it', async () => {
    const { ml, simulator, clock } = setup(server);
    for (let i = 0; i < 30; i++)
      simulator.catalog.addItem({ title: `Item ${i}`, price: 100, quantity: 1, sku: `S-${i}` });
    const first = await clock.drive(async () => {
      for await (const product of ml.listProducts({ pageSize: 10 })) return product;
      return undefined;
    });
    expect(first?.offers[0]?.sku).toBe('S-0');
    expect(simulator.stats().calls).toBe(2); // one scan page, one multiget
  });

  it('filters by status on MercadoLibre (active, closed) or on the results (paused is draft)', async () => {
    const { ml, simulator, clock } = setup(server);
    simulator.catalog.addItem({ title: 'On', price: 100, quantity: 1, sku: 'ON' });
    simulator.catalog.addItem({ title: 'Paused', price: 100, quantity: 1, sku: 'PAUSED', status: 'paused' });
    simulator.catalog.addItem({ title: 'Closed', price: 100, quantity: 1, sku: 'CLOSED', status: 'closed' });
    const skus = async (status: Product['status']) =>
      (await clock.drive(() => drain(ml.listProducts({ status })))).map((product) => product.offers[0]!.sku);
    expect(await skus('active')).toEqual(['ON']);
    expect(await skus('draft')).toEqual(['PAUSED']);
    expect(await skus('archived')).toEqual(['CLOSED']);
  });
});

describe('creating, replacing and deleting items', () => {
  it('creates an item and an item with variations (SELLER_SKU on each), in the site currency', async () => {
    const { ml, simulator, clock } = setup(server);
    const result = await clock.drive(() =>
      ml.upsertProducts([
        {
          title: 'Bowl',
          categoryId: 'MLA1902',
          brand: 'Acme',
          offers: [{ sku: 'BOWL-1', price: money(250050, 'ARS'), condition: 'used' }],
          attributes: { available_quantity: '4', listing_type_id: 'gold_pro' },
        },
        {
          title: 'Cap',
          categoryId: 'MLA1903',
          offers: [
            { sku: 'CAP-S', price: money(50000, 'ARS'), options: { Talle: 'S' } },
            { sku: 'CAP-M', price: money(50000, 'ARS'), options: { Talle: 'M' } },
          ],
        },
      ]),
    );
    expect(result.succeeded).toBe(2);
    const [bowl, cap] = [...simulator.state.items.values()];
    expect(bowl).toMatchObject({
      title: 'Bowl',
      price: 2500.5,
      currency_id: 'ARS',
      available_quantity: 4,
      listing_type_id: 'gold_pro',
      condition: 'used',
      status: 'active',
    });
    expect(bowl!.attributes).toEqual(
      expect.arrayContaining([
        { id: 'SELLER_SKU', value_name: 'BOWL-1' },
        { id: 'BRAND', value_name: 'Acme' },
      ]),
    );
    expect(
      cap!.variations!.map((variation) => [
        variation.attribute_combinations[0]?.value_name,
        variation.attributes?.[0]?.value_name,
        variation.available_quantity,
      ]),
    ).toEqual([
      ['S', 'CAP-S', 0],
      ['M', 'CAP-M', 0],
    ]);
    expect(cap!.status).toBe('paused'); // no stock yet
    expect(result.items[1]).toMatchObject({
      ok: true,
      value: { offers: [{ sku: 'CAP-S', options: { Talle: 'S' } }, { sku: 'CAP-M' }] },
    });
  });

  it('checks the whole batch first: nothing is sent when one product is wrong', async () => {
    const { ml, simulator, clock } = setup(server);
    const error = await clock.drive(() =>
      ml
        .upsertProducts([
          { title: 'Fine', categoryId: 'MLA1', offers: [{ sku: 'A', price: money(100, 'ARS') }] },
          { title: 'No category', offers: [{ sku: 'B', price: money(100, 'ARS') }] },
          {
            title: 'Two prices',
            categoryId: 'MLA1',
            offers: [
              { sku: 'C', price: money(100, 'ARS'), options: { Color: 'a' } },
              { sku: 'D', price: money(200, 'ARS'), options: { Color: 'b' } },
            ],
          },
          { title: 'Dollars', categoryId: 'MLA1', offers: [{ sku: 'E', price: money(100, 'USD') }] },
        ])
        .catch((e: unknown) => e),
    );
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      [1, 'categoryId'],
      [2, 'offers', 1, 'price'],
      [3, 'offers', 0, 'price'],
    ]);
    expect(simulator.stats().calls).toBe(0);
  });

  it('a creation that never reached MercadoLibre (connection reset) is read back, found missing, and sent once more', async () => {
    const { ml, simulator, clock } = setup(server, { faults: [{ kind: 'reset', at: [0] }] });
    const create = () =>
      ml.upsertProducts([
        { title: 'Bowl', categoryId: 'MLA1902', offers: [{ sku: 'BOWL-1', price: money(100000, 'ARS') }] },
      ]);
    const first = await clock.drive(create);
    expect(first.succeeded).toBe(1);
    expect(simulator.state.items.size).toBe(1);
    // The same creation again is the same intent: the recorded item, nothing listed.
    const again = await clock.drive(create);
    expect(again.items[0]).toMatchObject({ ok: true, value: { id: [...simulator.state.items.keys()][0] } });
    expect(simulator.state.items.size).toBe(1);
  });

  it('a creation MercadoLibre applied before its answer was lost is found by SKU and reported, not listed twice', async () => {
    const { simulator, clock, make } = setup(server);
    let dropped = 0;
    const dropAfterCreate: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await simulator.fetch(request);
      if (request.method === 'POST' && new URL(request.url).pathname === '/items' && dropped++ === 0)
        throw new TypeError('fetch failed: connection reset');
      return response;
    };
    const ml = make({}, { fetch: dropAfterCreate });
    const result = await clock.drive(() =>
      ml.upsertProducts([
        { title: 'Bowl', categoryId: 'MLA1902', offers: [{ sku: 'BOWL-1', price: money(100000, 'ARS') }] },
      ]),
    );
    expect(dropped).toBe(1);
    expect(result.items[0]).toMatchObject({ ok: true, value: { title: 'Bowl', offers: [{ sku: 'BOWL-1' }] } });
    expect(simulator.state.items.size).toBe(1);
  });

  it('replaces an item: variations matched by SKU keep their ids (and stock), new offers become variations, missing ones are removed', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({
      title: 'Tee',
      price: 1000,
      variations: [
        { sku: 'T-S', quantity: 3, options: { Talle: 'S' } },
        { sku: 'T-M', quantity: 5, options: { Talle: 'M' } },
      ],
    });
    const [small] = item.variations!;
    const result = await clock.drive(() =>
      ml.upsertProducts([
        {
          id: item.id,
          title: 'Tee',
          offers: [
            { sku: 'T-S', price: money(120000, 'ARS'), options: { Talle: 'S' } },
            { sku: 'T-L', price: money(120000, 'ARS'), options: { Talle: 'L' } },
          ],
        },
      ]),
    );
    expect(result.succeeded).toBe(1);
    const stored = simulator.state.items.get(item.id)!;
    expect(
      stored.variations!.map((variation) => [
        variation.id === small!.id,
        variation.attribute_combinations[0]?.value_name,
        variation.available_quantity,
        variation.price,
      ]),
    ).toEqual([
      [true, 'S', 3, 1200],
      [false, 'L', 0, 1200],
    ]);
  });

  it('a replaced item keeps its own currency (a USD listing on MLA), checked per item', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Camera', price: 250, quantity: 1, sku: 'CAM-1', currency: 'USD' });
    const result = await clock.drive(() =>
      ml.upsertProducts([
        { id: item.id, title: 'Camera', offers: [{ sku: 'CAM-1', price: money(27500, 'USD') }] },
        { id: item.id, title: 'Camera', offers: [{ sku: 'CAM-1', price: money(27500, 'ARS') }] },
      ]),
    );
    expect(result.items.map((entry) => (entry.ok ? 'ok' : entry.error.code))).toEqual(['ok', 'validation_failed']);
    expect(simulator.state.items.get(item.id)!.price).toBe(275);
  });

  it('deletes items (closed first, then deleted); deleting again succeeds, an unknown id fails alone', async () => {
    const { ml, simulator, clock } = setup(server);
    const a = simulator.catalog.addItem({ title: 'A', price: 100, quantity: 1, sku: 'A' });
    const b = simulator.catalog.addItem({ title: 'B', price: 100, quantity: 1, sku: 'B', status: 'closed' });
    const result = await clock.drive(() => ml.deleteProducts([a.id, b.id, 'MLA404']));
    expect(result.items.map((item) => (item.ok ? 'ok' : item.error.code))).toEqual(['ok', 'ok', 'not_found']);
    expect(simulator.state.items.get(a.id)).toMatchObject({
      status: 'closed',
      sub_status: expect.arrayContaining(['deleted']),
    });
    expect((await clock.drive(() => ml.deleteProducts([a.id]))).succeeded).toBe(1);
  });
});
