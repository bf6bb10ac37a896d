import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BaseMarketplaceAPI } from '../../src/core/base-marketplace-api.js';
import { toBatchResult } from '../../src/core/batch.js';
import type { Context } from '../../src/core/context.js';
import { createDefaultFactory } from '../../src/core/default-factory.js';
import { defineMarketplace } from '../../src/core/define-marketplace.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { silentLogger } from '../../src/core/logger.js';
import { PriceUpdateSchema, type PriceUpdate } from '../../src/model/offer.js';
import type { Product } from '../../src/model/product.js';
import { RealWorldAdapter } from '../../src/safety/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

/** The README's minimal custom marketplace: listProducts and updatePrices, nothing else. */
class MyShop extends BaseMarketplaceAPI {
  readonly platform = 'my-shop';
  constructor(
    readonly config: { baseUrl: string; apiKey: string },
    context?: Context,
  ) {
    super(context);
  }

  override async *listProducts(): AsyncIterable<Product> {
    // page through your API here; yield canonical products
  }

  override async updatePrices(updates: readonly PriceUpdate[]) {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    return toBatchResult(
      valid.map((input, index) => ({
        index,
        input,
        ok: true as const,
        value: { sku: input.sku, price: input.price, condition: 'new' as const, options: {} },
      })),
    );
  }
}

/** The same shop with a catalog it really keeps: prices written are read back by listProducts. */
class KeepingShop extends MyShop {
  readonly products: Product[] = [
    {
      id: 'p1',
      title: 'Mug',
      status: 'active',
      offers: [{ sku: 'MUG-1', price: { amountMinor: 1200, currency: 'EUR' }, condition: 'new', options: {} }],
      images: [],
      attributes: {},
      updatedAt: '2026-01-01T00:00:00.000Z',
    } as unknown as Product,
  ];

  override async *listProducts(): AsyncIterable<Product> {
    yield* structuredClone(this.products);
  }

  override async updatePrices(updates: readonly PriceUpdate[]) {
    const result = await super.updatePrices(updates);
    for (const update of updates)
      for (const offer of this.products.flatMap((p) => p.offers))
        if (offer.sku === update.sku) offer.price = update.price;
    return result;
  }
}

const schema = z.object({ baseUrl: z.string().url(), apiKey: z.string().min(1) });
const config = { baseUrl: 'https://shop.example', apiKey: 'key-3f9a' };

async function adapterFor(Shop: typeof MyShop) {
  const factory = createDefaultFactory().register(
    defineMarketplace({ name: 'my-shop', configSchema: schema, create: (c, context) => new Shop(c, context) }),
  );
  const adapter = new RealWorldAdapter({
    mode: 'sandbox',
    factory,
    context: { clock: new FakeClock(), logger: silentLogger },
  });
  (await adapter.initializeMarketplaceConnection({ marketplace: 'my-shop', config }))._unsafeUnwrap();
  return adapter;
}

describe('RealWorldAdapter on a marketplace with two operations', () => {
  it("answers the README's minimal marketplace with a Result, never an exception", async () => {
    const adapter = await adapterFor(MyShop);
    const price = await adapter.executeAction({
      type: 'set_price',
      sku: 'MUG-1',
      price: { amountMinor: 1299, currency: 'EUR' },
    });
    expect(price._unsafeUnwrapErr()).toMatchObject({
      reason: 'not_found',
      message: expect.stringMatching(/SKU MUG-1 does not exist/),
    });
    const stock = await adapter.executeAction({ type: 'set_inventory', sku: 'MUG-1', quantity: 3 });
    expect(stock._unsafeUnwrapErr()).toMatchObject({
      reason: 'unsupported_operation',
      details: { operations: ['setInventory', 'getInventory'] },
    });
    expect(stock._unsafeUnwrapErr().message).toMatch(/my-shop does not implement setInventory\(\), getInventory\(\)/);
    const cancel = await adapter.dryRun({ type: 'cancel_order', request: { orderId: 'O-1', reason: 'customer' } });
    expect(cancel._unsafeUnwrapErr().reason).toBe('unsupported_operation');
  });

  it('reads products through listProducts when getProduct is missing, and verifies the write', async () => {
    const adapter = await adapterFor(KeepingShop);
    const result = await adapter.executeAction({
      type: 'set_price',
      sku: 'MUG-1',
      price: { amountMinor: 1299, currency: 'EUR' },
    });
    expect(result._unsafeUnwrap()).toMatchObject({
      status: 'applied',
      verification: { ok: true },
      diff: [{ key: 'offer:MUG-1.price', after: { amountMinor: 1299, currency: 'EUR' } }],
    });
  });
});

describe('integration log queries', () => {
  it('accepts levels in any case and refuses what cannot match', async () => {
    const adapter = await adapterFor(MyShop);
    await adapter.executeAction({ type: 'set_inventory', sku: 'MUG-1', quantity: 3 });
    const warnings = adapter.getIntegrationLogs({ level: 'warn' });
    expect(warnings.length).toBeGreaterThan(0);
    expect(adapter.getIntegrationLogs({ level: 'WARN' })).toEqual(warnings);
    expect(adapter.getIntegrationLogs({ level: 'Warn' as 'warn' })).toEqual(warnings);
    expect(adapter.getIntegrationLogs({ level: 'ERROR' })).toEqual(warnings.filter((e) => e.level === 'error'));
    expect(() => adapter.getIntegrationLogs({ level: 'fatal' as 'error' })).toThrow(ValidationError);
    expect(() => adapter.getIntegrationLogs({ level: 'fatal' as 'error', since: 'yesterday', limit: -1 })).toThrow(
      /level.*\n.*since.*\n.*limit/s,
    );
    expect(adapter.getIntegrationLogs({ limit: 0 })).toEqual([]);
  });
});
