import { z } from 'zod';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  BaseMarketplaceAPI,
  createContext,
  createDefaultFactory,
  defineMarketplace,
  isMarketbridgeError,
  MarketplaceFactory,
  OPERATIONS,
  PriceUpdateSchema,
  toBatchResult,
  UnsupportedOperationError,
  ValidationError,
  type Context,
  type Offer,
  type PriceUpdate,
  type Product,
} from '../../src/index.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { amazonMarketplace } from '../../src/connectors/amazon/index.js';
import { bolMarketplace } from '../../src/connectors/bol/index.js';
import { ebayMarketplace } from '../../src/connectors/ebay/index.js';
import { mercadolibreMarketplace } from '../../src/connectors/mercadolibre/index.js';
import { shopifyMarketplace } from '../../src/connectors/shopify/index.js';
import { SimulatedMarketplace, simulatedMarketplace } from '../../src/simulated/index.js';
import { MercadoLibreMarketplace } from '../../src/connectors/mercadolibre/index.js';

const configSchema = z.object({
  baseUrl: z.string().url(),
  apiKey: z.string().min(8),
  currency: z.enum(['EUR', 'USD']),
});

class TinyShop extends BaseMarketplaceAPI {
  readonly platform = 'tiny-shop';
  readonly prices = new Map<string, number>([['MUG-1', 899]]);

  constructor(
    readonly config: z.output<typeof configSchema>,
    context?: Context,
  ) {
    super(context);
  }

  override async *listProducts(): AsyncIterable<Product> {
    for (const [sku, amountMinor] of this.prices) {
      yield {
        id: sku,
        title: sku,
        status: 'active',
        images: [],
        attributes: {},
        offers: [{ sku, price: { amountMinor, currency: this.config.currency }, condition: 'new', options: {} }],
      };
    }
  }

  override async updatePrices(updates: readonly PriceUpdate[]) {
    const valid = this.parseBatch('updatePrices', PriceUpdateSchema, updates);
    return toBatchResult(
      valid.map((input, index) => {
        this.prices.set(input.sku, input.price.amountMinor);
        const value: Offer = { sku: input.sku, price: input.price, condition: 'new', options: {} };
        return { index, input, ok: true as const, value };
      }),
    );
  }
}

const tinyShop = defineMarketplace({
  name: 'tiny-shop',
  configSchema,
  create: (config, context) => new TinyShop(config, context),
});
const validConfig = { baseUrl: 'https://tiny.example', apiKey: 'key-12345', currency: 'EUR' as const };

describe('a custom marketplace with two operations', () => {
  it('works through the factory and rejects the rest with UnsupportedOperationError', async () => {
    const factory = new MarketplaceFactory().register(tinyShop);
    const shop = await factory.create('tiny-shop', validConfig);
    expectTypeOf(shop).toEqualTypeOf<TinyShop>();

    const products = [];
    for await (const product of shop.listProducts()) products.push(product);
    expect(products.map((p) => p.id)).toEqual(['MUG-1']);

    const result = await shop.updatePrices([{ sku: 'MUG-1', price: { amountMinor: 999, currency: 'EUR' } }]);
    expect(result.succeeded).toBe(1);
    expect(shop.prices.get('MUG-1')).toBe(999);

    expect([...shop.capabilities.operations].sort()).toEqual(['listProducts', 'updatePrices']);
    for (const operation of OPERATIONS.filter((op) => !shop.capabilities.supports(op))) {
      const call =
        operation === 'listProducts' || operation === 'listOrders' || operation === 'listFinancialEvents'
          ? (async () => {
              for await (const _ of (shop[operation] as () => AsyncIterable<unknown>).call(shop)) break;
            })()
          : (shop[operation] as (...args: unknown[]) => Promise<unknown>).call(shop, []);
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, operation).toBeInstanceOf(UnsupportedOperationError);
      expect((error as UnsupportedOperationError).platform).toBe('tiny-shop');
      expect((error as UnsupportedOperationError).operation).toBe(operation);
    }
  });

  it('rejects a bad batch whole, before anything is written', async () => {
    const shop = new TinyShop(validConfig);
    const error = await shop
      .updatePrices([
        { sku: 'MUG-1', price: { amountMinor: 1, currency: 'EUR' } },
        { sku: '', price: { amountMinor: 1.5, currency: 'EUR' } },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(['1.sku', '1.price.amountMinor']);
    expect(shop.prices.get('MUG-1')).toBe(899);
  });
});

describe('MarketplaceFactory', () => {
  it('reports every config problem in one ValidationError', async () => {
    const factory = new MarketplaceFactory().register(tinyShop);
    const error = await factory
      .create('tiny-shop', { baseUrl: 'not a url', apiKey: 'short', currency: 'GBP' } as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((i) => i.path[0]).sort()).toEqual(['apiKey', 'baseUrl', 'currency']);
    for (const field of ['baseUrl', 'apiKey', 'currency']) expect((error as Error).message).toContain(field);
    expect(factory.validateConfig('tiny-shop', validConfig).isOk()).toBe(true);
  });

  it('lists the registered names for an unknown one', async () => {
    const factory = new MarketplaceFactory().register(tinyShop);
    const error = await factory.create('nope', {}).catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'validation_failed')).toBe(true);
    expect((error as Error).message).toContain('Registered: tiny-shop');
  });

  it('refuses a second registration of a name unless replacing, and bad definitions', () => {
    const factory = new MarketplaceFactory().register(tinyShop);
    expect(() => factory.register(tinyShop)).toThrow(/already registered/);
    expect(() => factory.register(tinyShop, { replace: true })).not.toThrow();
    expect(() =>
      defineMarketplace({ name: 'Bad Name', configSchema, create: () => new TinyShop(validConfig) }),
    ).toThrow(/lower-case/);
    expect(() => defineMarketplace({ name: 'ok', configSchema: {} as never, create: undefined as never })).toThrow(
      /2 problems/,
    );
  });

  it('keeps factories independent', () => {
    const a = new MarketplaceFactory().register(tinyShop);
    const b = new MarketplaceFactory();
    expect(a.names()).toEqual(['tiny-shop']);
    expect(b.names()).toEqual([]);
  });

  it('createDefaultFactory creates the simulated marketplace lazily', async () => {
    const factory = createDefaultFactory();
    expect(factory.names()).toContain('simulated');
    const simulated = await factory.create('simulated', { seed: 3, products: 2 });
    expect(simulated).toBeInstanceOf(SimulatedMarketplace);
    expect(simulated.capabilities.operations.size).toBe(OPERATIONS.length);
  });

  it("registers each connector's own definition, written once in its folder and importing the connector only on create", async () => {
    const factory = createDefaultFactory();
    const owned = {
      simulated: simulatedMarketplace,
      shopify: shopifyMarketplace,
      amazon: amazonMarketplace,
      bol: bolMarketplace,
      ebay: ebayMarketplace,
      mercadolibre: mercadolibreMarketplace,
    };
    expect(factory.names()).toEqual(Object.keys(owned).sort());
    for (const [name, definition] of Object.entries(owned)) expect(factory.get(name), name).toBe(definition);
    const root = resolve(import.meta.dirname, '../..');
    for (const file of [
      'src/simulated/definition.ts',
      'src/connectors/shopify/definition.ts',
      'src/connectors/amazon/definition.ts',
      'src/connectors/bol/definition.ts',
      'src/connectors/ebay/definition.ts',
      'src/connectors/mercadolibre/definition.ts',
    ]) {
      const source = readFileSync(join(root, file), 'utf8');
      const statics = [...source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((match) => match[1]);
      expect(
        statics.filter((path) => /marketplace\.js$/.test(path!) && !path!.includes('define-marketplace')),
        file,
      ).toEqual([]);
      expect(source, file).toMatch(/await import\('\.\/[a-z-]+-marketplace\.js'\)/);
    }
  });
});

describe('Context', () => {
  it('fills every default and keeps given pieces', () => {
    const context = createContext({ tenantId: 'seller-1' });
    expect(context.tenantId).toBe('seller-1');
    for (const key of ['fetch', 'store', 'lock', 'clock', 'logger', 'events', 'scheduler'] as const)
      expect(context[key]).toBeDefined();
    const again = createContext(context);
    expect(again.store).toBe(context.store);
    expect(createContext().store).not.toBe(context.store);
  });
});

describe('createDefaultFactory types', () => {
  it('knows each built-in marketplace by name, with its instance type', async () => {
    const factory = createDefaultFactory();
    expect(factory.names()).toEqual(['amazon', 'bol', 'ebay', 'mercadolibre', 'shopify', 'simulated']);
    const simulated = await factory.create('simulated', { seed: 1, products: 1 });
    expectTypeOf(simulated).toEqualTypeOf<SimulatedMarketplace>();
    const mercadolibre = await factory.create('mercadolibre', {
      site: 'MLA',
      sellerId: 1,
      credentials: { clientId: '2', clientSecret: 's' },
    });
    expectTypeOf(mercadolibre).toEqualTypeOf<MercadoLibreMarketplace>();
    expect(mercadolibre).toBeInstanceOf(MercadoLibreMarketplace);
  });
});
