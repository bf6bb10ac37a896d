import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromSpApiMoney, toSpApiMoney } from '../../../src/connectors/amazon/mapper/money.js';
import { pricePatch, quantityPatch } from '../../../src/connectors/amazon/index.js';
import { money } from '../../../src/model/money.js';
import { applyPatches } from '../../../src/connectors/amazon/simulator/apply-patch.js';
import { fromSpApiFinancialEvents } from '../../../src/connectors/amazon/finances/v0/mapper.js';
import { fromSpApiOrder } from '../../../src/connectors/amazon/orders/v0/mapper.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 200);
const currencies = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'GBP');
const amount = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });

describe('SP-API money mapping', () => {
  it('canonical money survives the round trip through SP-API decimal strings', () => {
    fc.assert(
      fc.property(amount, currencies, (minor, currency) => {
        const value = money(minor, currency);
        expect(fromSpApiMoney(toSpApiMoney(value))._unsafeUnwrap()).toEqual(value);
      }),
      { numRuns: runs },
    );
  });

  it('a price written by pricePatch reads back exactly (the JSON number carries the decimal)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000_000 }), currencies, (minor, currency) => {
        const listing = {
          sku: 'S',
          asin: 'B0',
          productType: 'PRODUCT',
          title: 'S',
          price: money(1, currency),
          quantity: 0,
          attributes: {},
          updatedAt: 0,
        };
        const body = JSON.parse(
          JSON.stringify({ patches: [pricePatch(money(minor, currency), 'ATVPDKIKX0DER'), quantityPatch(3)] }),
        ) as { patches: unknown };
        const result = applyPatches(listing, body.patches, { currency, marketplaceId: 'ATVPDKIKX0DER' });
        expect(result.listing?.price).toEqual(money(minor, currency));
        expect(result.listing?.quantity).toBe(3);
      }),
      { numRuns: runs },
    );
  });

  it('refuses amounts with more decimals than the currency has', () => {
    expect(fromSpApiMoney({ CurrencyCode: 'JPY', Amount: '10.5' })._unsafeUnwrapErr().reason).toBe('invalid_money');
    expect(fromSpApiMoney({ Amount: '10.5' })._unsafeUnwrapErr().reason).toBe('invalid_money');
  });

  it('maps an order: statuses, totals from items, unit price in integer division, cancelled quantities', () => {
    const order = fromSpApiOrder(
      {
        AmazonOrderId: '1',
        PurchaseDate: '2026-01-01T00:00:00Z',
        LastUpdateDate: '2026-01-02T00:00:00Z',
        OrderStatus: 'Canceled',
      },
      [
        {
          OrderItemId: 'a',
          ASIN: 'B1',
          SellerSKU: 'S1',
          QuantityOrdered: 3,
          QuantityShipped: 1,
          ItemPrice: { CurrencyCode: 'EUR', Amount: '10.00' },
          ItemTax: { CurrencyCode: 'EUR', Amount: '1.90' },
        },
        {
          OrderItemId: 'b',
          ASIN: 'B2',
          QuantityOrdered: 1,
          ItemPrice: { CurrencyCode: 'EUR', Amount: '5.05' },
          ShippingPrice: { CurrencyCode: 'EUR', Amount: '4.95' },
        },
      ],
    )._unsafeUnwrap();
    expect(order.status).toBe('cancelled');
    expect(order.lineItems.map((line) => [line.sku, line.unitPrice.amountMinor, line.quantityCancelled])).toEqual([
      ['S1', 333, 2],
      ['B2', 505, 1],
    ]);
    expect(order.totals).toEqual({
      subtotal: money(1505, 'EUR'),
      shipping: money(495, 'EUR'),
      tax: money(190, 'EUR'),
      total: money(2190, 'EUR'),
    });
    expect(
      fromSpApiOrder(
        {
          AmazonOrderId: '2',
          PurchaseDate: '2026-01-01T00:00:00Z',
          LastUpdateDate: '2026-01-01T00:00:00Z',
          OrderStatus: 'Weird',
        },
        [],
      )._unsafeUnwrapErr().reason,
    ).toBe('invalid_payload');
    expect(
      fromSpApiOrder(
        { AmazonOrderId: '3', PurchaseDate: 'soon', LastUpdateDate: '2026-01-01T00:00:00Z', OrderStatus: 'Shipped' },
        [{ OrderItemId: 'a', ASIN: 'B1', QuantityOrdered: 1 }],
      )._unsafeUnwrapErr(),
    ).toMatchObject({ reason: 'invalid_payload', message: expect.stringContaining('PurchaseDate of 3') });
  });

  it('a financial event with a malformed PostedDate is an invalid_payload failure, not a thrown RangeError', () => {
    const shipment = (PostedDate: string) => ({
      ShipmentEventList: [
        {
          AmazonOrderId: '1',
          PostedDate,
          ShipmentItemList: [
            { ItemChargeList: [{ ChargeType: 'Principal', ChargeAmount: { CurrencyCode: 'USD', CurrencyAmount: 5 } }] },
          ],
        },
      ],
    });
    expect(fromSpApiFinancialEvents(shipment('2026-01-01T00:00:00Z'), '2026-02-01T00:00:00Z')._unsafeUnwrap()).toEqual([
      {
        id: 'sale:1:2026-01-01T00:00:00Z',
        type: 'sale',
        amount: money(500, 'USD'),
        occurredAt: '2026-01-01T00:00:00.000Z',
        orderId: '1',
      },
    ]);
    expect(
      fromSpApiFinancialEvents(shipment('01/01/2026 at noon'), '2026-02-01T00:00:00Z')._unsafeUnwrapErr(),
    ).toMatchObject({ reason: 'invalid_payload', message: expect.stringContaining('PostedDate of sale 1') });
  });
});
