import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { describeEbayErrors, ebayClassifier } from '../../../src/connectors/ebay/index.js';
import { ebayItemError } from '../../../src/connectors/ebay/errors.js';
import { ConflictError } from '../../../src/core/errors/conflict-error.js';
import { MarketplaceApiError } from '../../../src/core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../../src/core/errors/not-found-error.js';
import { RateLimitError } from '../../../src/core/errors/rate-limit-error.js';
import { UnsupportedOperationError } from '../../../src/core/errors/unsupported-operation-error.js';
import { money } from '../../../src/model/money.js';
import { pump, setup, useMsw } from './harness.js';

const server = useMsw();
const ITEM = 'https://api.ebay.com/sell/inventory/v1/inventory_item/:sku';
const classify = (status: number, body: unknown) =>
  ebayClassifier({ status, headers: new Headers(), body, method: 'GET', operation: 'getOffer' });

describe('eBay’s error envelope', () => {
  it('is classified: 429 and errorId 2001 throttled, invalid tokens auth, the rest by status with eBay’s text', () => {
    expect(classify(429, {})?.kind).toBe('throttled');
    expect(classify(400, { errors: [{ errorId: 2001, message: 'Too many requests' }] })?.kind).toBe('throttled');
    expect(classify(401, { errors: [{ errorId: 1001, message: 'Invalid access token' }] })).toMatchObject({
      kind: 'auth',
      message: '1001 Invalid access token',
    });
    expect(classify(400, { errors: [{ errorId: 25709, message: 'Invalid value for sku.' }] })).toEqual({
      kind: 'invalid',
      message: '25709 Invalid value for sku.',
    });
    expect(classify(200, { errors: [{ errorId: 1 }] })).toBeUndefined();
  });

  it('becomes typed errors that carry errorId, longMessage and parameters', () => {
    const detail = {
      errorId: 25709,
      domain: 'API_INVENTORY',
      category: 'REQUEST',
      message: 'Invalid value for price.',
      longMessage: 'The price must be more than 0.99.',
      parameters: [{ name: 'fieldName', value: 'price' }],
    };
    expect(describeEbayErrors([detail])).toBe(
      '25709 Invalid value for price. The price must be more than 0.99. (fieldName=price)',
    );
    const invalid = ebayItemError(400, [detail], 'updatePrices', 'MUG-1');
    expect(invalid).toBeInstanceOf(MarketplaceApiError);
    expect(invalid).toMatchObject({
      retryable: false,
      platform: 'ebay',
      operation: 'updatePrices',
      body: { errors: [detail] },
    });
    expect(invalid.message).toBe(
      'eBay updatePrices (MUG-1) failed: 25709 Invalid value for price. The price must be more than 0.99. (fieldName=price).',
    );
    expect(ebayItemError(400, [{ errorId: 25713 }], 'x')).toBeInstanceOf(NotFoundError);
    expect(ebayItemError(409, [{ errorId: 25803 }], 'x')).toBeInstanceOf(ConflictError);
    expect(ebayItemError(500, [{ errorId: 25001, category: 'APPLICATION' }], 'x').retryable).toBe(true);
  });

  it('arrives typed from the connector, with eBay’s text in the message', async () => {
    const { ebay } = setup(server);
    server.use(
      http.post('https://api.ebay.com/sell/inventory/v1/bulk_get_inventory_item', () =>
        HttpResponse.json(
          {
            errors: [
              {
                errorId: 25709,
                message: 'Invalid value for requests.',
                parameters: [{ name: 'fieldName', value: 'requests' }],
              },
            ],
          },
          { status: 400 },
        ),
      ),
    );
    const error = await ebay.getInventory({ skus: ['A'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketplaceApiError);
    expect((error as Error).message).toMatch(/25709 Invalid value for requests\. \(fieldName=requests\)/);
  });

  it('retries eBay’s 5xx and malformed answers for reads, and gives up with a typed error', async () => {
    const { make, simulator, clock } = setup(server);
    const ebay = make({ retries: 2 });
    simulator.addListing({ sku: 'A', title: 'A', price: money(100, 'USD') });
    let failures = 0;
    server.use(
      http.get(ITEM, ({ request }) => {
        if (failures++ < 2)
          return failures === 1
            ? HttpResponse.json({ errors: [{ errorId: 25001 }] }, { status: 503 })
            : new HttpResponse('{"sku": "A", "produ', { status: 200, headers: { 'content-type': 'application/json' } });
        return simulator.fetch(request);
      }),
    );
    expect((await pump(clock, ebay.getProduct('A'), 500)).id).toBe('A');
    server.use(http.get(ITEM, () => new HttpResponse('<html>gateway</html>', { status: 502 })));
    const error = await pump(
      clock,
      ebay.getProduct('A').catch((e: unknown) => e),
      500,
    );
    expect(error).toBeInstanceOf(MarketplaceApiError);
    expect((error as MarketplaceApiError).retryable).toBe(true);
  });

  it('gives up on a throttled call after its retries with a RateLimitError', async () => {
    const { make, clock } = setup(server);
    const ebay = make({ retries: 1 });
    server.use(
      http.get(ITEM, () =>
        HttpResponse.json(
          {
            errors: [
              {
                errorId: 2001,
                message: 'Too many requests',
                longMessage: 'The request limit has been reached for the resource.',
              },
            ],
          },
          { status: 429, headers: { 'retry-after': '0' } },
        ),
      ),
    );
    const error = await pump(
      clock,
      ebay.getProduct('A').catch((e: unknown) => e),
      500,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toMatch(/2001 Too many requests/);
  });

  it('says which canonical operations eBay has no API for', async () => {
    const { ebay } = setup(server);
    await expect(ebay.adjustInventory([{ sku: 'A', delta: 1 }])).rejects.toBeInstanceOf(UnsupportedOperationError);
    await expect(ebay.acknowledgeOrders(['1'])).rejects.toThrow(/ebay/);
  });
});
