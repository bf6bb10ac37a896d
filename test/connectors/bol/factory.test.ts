import { describe, expect, expectTypeOf, it } from 'vitest';
import { BolMarketplace, bolMarketplace } from '../../../src/connectors/bol/index.js';
import { createDefaultFactory } from '../../../src/core/default-factory.js';
import { ValidationError } from '../../../src/core/errors/validation-error.js';
import { MarketplaceFactory } from '../../../src/core/marketplace-factory.js';
import { OPERATIONS } from '../../../src/core/capabilities.js';

describe('the bol.com definition', () => {
  it('is registered by the default factory and creates a BolMarketplace', async () => {
    const bol = await createDefaultFactory().create('bol', {
      clientId: 'id',
      clientSecret: 'secret',
      environment: 'demo',
    });
    expect(bol).toBeInstanceOf(BolMarketplace);
    expectTypeOf(bol).toEqualTypeOf<BolMarketplace>();
    expect(bol.endpoints).toEqual({
      retailer: 'https://api.bol.com/retailer-demo',
      shared: 'https://api.bol.com/shared-demo',
      token: 'https://login.bol.com/token?grant_type=client_credentials',
    });
  });

  it('reports every configuration problem at once', async () => {
    const factory = new MarketplaceFactory().register(bolMarketplace);
    const error = await factory
      .create('bol', { clientSecret: '', stockAboveMaximum: 'ignore', concurrency: 0 } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['clientSecret', 'stockAboveMaximum', 'concurrency', 'clientId']));
  });

  it('declares what bol.com supports and nothing else', () => {
    const bol = new BolMarketplace({ clientId: 'id', clientSecret: 'secret' });
    const supported = OPERATIONS.filter((operation) => bol.capabilities.supports(operation));
    expect(supported).toEqual([
      'listProducts',
      'getProduct',
      'getOffersBySku',
      'upsertProducts',
      'deleteProducts',
      'updatePrices',
      'getInventory',
      'setInventory',
      'listOrders',
      'getOrder',
      'confirmShipment',
      'cancelOrder',
      'healthCheck',
    ]);
    expect(bol.capabilities).toMatchObject({
      inventoryCompareAndSet: false,
      idempotentAdjustments: false,
      idempotentSets: true,
    });
  });
});
