import { describe, expect, it } from 'vitest';
import {
  BaseMarketplaceAPI,
  PriceUpdateSchema,
  ProductInputSchema,
  toBatchResult,
  ValidationError,
  type Offer,
  type PriceUpdate,
} from '../../src/index.js';

/** A marketplace that sells in EUR only and records what it was asked to write. */
class EuroShop extends BaseMarketplaceAPI {
  readonly platform = 'euro-shop';
  readonly written: string[] = [];

  override async updatePrices(updates: readonly PriceUpdate[]) {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates, (items) =>
      items.flatMap((item, index) =>
        item && item.price.currency !== 'EUR'
          ? [{ path: [index, 'price', 'currency'], message: 'This shop sells in EUR.' }]
          : [],
      ),
    );
    this.written.push(...valid.map((update) => update.sku));
    return toBatchResult(
      valid.map((input, index) => ({
        index,
        input,
        ok: true as const,
        value: { ...input, condition: 'new', options: {} } as Offer,
      })),
    );
  }
}

describe('parseBatch with a batch check', () => {
  it("reports the check's issues with the schema's, in item order, and writes nothing", async () => {
    const shop = new EuroShop();
    const error = await shop
      .updatePrices([
        { sku: 'A', price: { amountMinor: 1, currency: 'USD' } },
        { sku: '', price: { amountMinor: 1, currency: 'EUR' } },
        { sku: 'C', price: { amountMinor: 1, currency: 'GBP' } },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      [0, 'price', 'currency'],
      [1, 'sku'],
      [2, 'price', 'currency'],
    ]);
    expect(shop.written).toEqual([]);
    expect((await shop.updatePrices([{ sku: 'A', price: { amountMinor: 1, currency: 'EUR' } }])).succeeded).toBe(1);
  });
});

describe('ProductInputSchema', () => {
  it('refuses a product whose offers share a SKU, naming the repeated offer', () => {
    const parsed = ProductInputSchema.safeParse({
      title: 'Lamp',
      offers: [
        { sku: 'L', price: { amountMinor: 1, currency: 'EUR' } },
        { sku: 'L', price: { amountMinor: 2, currency: 'EUR' } },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({
      path: ['offers', 1, 'sku'],
      message: expect.stringContaining('already the SKU of offer 0'),
    });
  });
});
