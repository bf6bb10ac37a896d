import { describe, expect, it } from 'vitest';

import { transactionWindows } from '../../../src/connectors/amazon/finances/2024-06-19/finances-2024-06-19.js';
import type { FinancialEvent } from '../../../src/model/finance.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw } from './harness.js';
import { operations, validateRequest, validateResponse } from './swagger.js';
import {
  fromSpApiTransactions,
  transactionEventType,
  type SpApiTransaction,
} from '../../../src/connectors/amazon/finances/2024-06-19/mapper.js';

const server = useMsw();
const DAY = 86_400_000;

async function collect(iterable: AsyncIterable<FinancialEvent>): Promise<FinancialEvent[]> {
  const out: FinancialEvent[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function shipment(orderId: string, postedDate: string, charge: number, fee: number) {
  return {
    AmazonOrderId: orderId,
    PostedDate: postedDate,
    ShipmentItemList: [
      {
        ItemChargeList: [{ ChargeType: 'Principal', ChargeAmount: { CurrencyCode: 'USD', CurrencyAmount: charge } }],
        ItemFeeList: [{ FeeType: 'Commission', FeeAmount: { CurrencyCode: 'USD', CurrencyAmount: fee } }],
      },
    ],
  };
}

describe('Finances 2024-06-19 mapping', () => {
  it('maps the sandbox example of listTransactions, which is a valid answer of the model', () => {
    const operation = operations.find(
      (op) => op.model === 'finances_2024-06-19' && op.operationId === 'listTransactions',
    )!;
    const answer = operation.responses['200']!['x-amzn-api-sandbox']!.static![0]!.response as {
      payload: { transactions: SpApiTransaction[] };
    };
    expect(validateResponse(operation, 200, answer)).toEqual([]);
    expect(fromSpApiTransactions(answer.payload.transactions, '2026-01-01T00:00:00Z')._unsafeUnwrap()).toEqual([
      {
        id: 'txn:Shipment:8129762527551:2020-07-14T03:35:13.214Z:1000',
        type: 'sale',
        amount: money(1000, 'USD'),
        occurredAt: '2020-07-14T03:35:13.214Z',
        orderId: '8129762527551',
      },
    ]);
  });

  it('reads JSON-number amounts exactly into minor units, types transactions, and refuses unreadable money', () => {
    const events = fromSpApiTransactions(
      [
        {
          transactionId: 'a',
          transactionType: 'Refund',
          postedDate: '2026-01-01T00:00:00Z',
          totalAmount: { currencyCode: 'EUR', currencyAmount: -0.3 },
          description: 'Refund Order',
        },
        {
          transactionId: 'b',
          transactionType: 'ServiceFee',
          postedDate: '2026-01-01T00:00:00Z',
          totalAmount: { currencyCode: 'JPY', currencyAmount: -1200 },
        },
      ],
      '2026-01-01T00:00:00Z',
    )._unsafeUnwrap();
    expect(events.map((event) => [event.id, event.type, event.amount, event.description])).toEqual([
      ['a', 'refund', money(-30, 'EUR'), 'Refund Order'],
      ['b', 'fee', money(-1200, 'JPY'), undefined],
    ]);
    expect(['Shipment', 'Transfer', 'DisbursementTransfer', 'Adjustment', undefined].map(transactionEventType)).toEqual(
      ['sale', 'payout', 'payout', 'adjustment', 'adjustment'],
    );
    expect(
      fromSpApiTransactions(
        [{ totalAmount: { currencyCode: 'JPY', currencyAmount: 1.5 } }],
        '2026-01-01T00:00:00Z',
      )._unsafeUnwrapErr().reason,
    ).toBe('invalid_money');
    expect(
      fromSpApiTransactions(
        [{ transactionId: 'c', postedDate: '14/07/2020', totalAmount: { currencyCode: 'USD', currencyAmount: 1 } }],
        '2026-01-01T00:00:00Z',
      )._unsafeUnwrapErr(),
    ).toMatchObject({ reason: 'invalid_payload', message: expect.stringContaining('postedDate of transaction c') });
  });

  it('splits long ranges into windows of at most 180 days that end more than two minutes ago', () => {
    const now = Date.UTC(2026, 0, 1);
    const windows = transactionWindows({ since: new Date(now - 400 * DAY).toISOString() }, now);
    expect(windows).toHaveLength(3);
    expect(windows[0]).toEqual({
      postedAfter: new Date(now - 400 * DAY).toISOString(),
      postedBefore: new Date(now - 220 * DAY).toISOString(),
    });
    expect(windows[2]).toEqual({
      postedAfter: new Date(now - 40 * DAY).toISOString(),
      postedBefore: new Date(now - 121_000).toISOString(),
    });
    expect(transactionWindows({ since: new Date(now - 60_000).toISOString() }, now)).toEqual([]);
    expect(() => transactionWindows({ since: 'last week', until: 'now' }, now)).toThrow(
      expect.objectContaining({
        name: 'ValidationError',
        issues: [expect.objectContaining({ path: ['since'] }), expect.objectContaining({ path: ['until'] })],
      }),
    );
    expect(
      transactionWindows({ since: new Date(now - DAY).toISOString(), until: new Date(now).toISOString() }, now),
    ).toEqual([
      { postedAfter: new Date(now - DAY).toISOString(), postedBefore: new Date(now - 121_000).toISOString() },
    ]);
  });
});

describe('Finances 2024-06-19 through the simulator', () => {
  it('lists transactions by date and by order as canonical events; every request conforms to the model', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.setFinancialEvents({
      ShipmentEventList: [shipment('111-1', '2025-12-20T00:00:00Z', 19.99, -3)],
      ServiceFeeEventList: [
        {
          FeeReason: 'Subscription',
          FeeList: [{ FeeType: 'Subscription', FeeAmount: { CurrencyCode: 'USD', CurrencyAmount: -39.99 } }],
        },
      ],
    });
    const problems: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (new URL(request.url).pathname.startsWith('/finances/'))
        problems.push(...validateRequest({ method: request.method, url: request.url }).problems);
    });
    // Transactions settle: the service fee (posted "now") shows up once more than two minutes have passed.
    const early = await clock.drive(() => collect(amazon.listFinancialEvents({ since: '2025-12-01T00:00:00Z' })));
    await clock.advance(5 * 60_000);
    const events = await clock.drive(() => collect(amazon.listFinancialEvents({ since: '2025-12-01T00:00:00Z' })));
    const forOrder = await clock.drive(() => collect(amazon.listFinancialEvents({ orderId: '111-1' })));
    server.events.removeAllListeners();
    expect(problems).toEqual([]);
    expect(early.map((event) => event.type)).toEqual(['sale']);
    expect(events.map((event) => [event.type, event.amount.amountMinor, event.orderId ?? null])).toEqual([
      ['sale', 1699, '111-1'],
      ['fee', -3999, null],
    ]);
    expect(forOrder.map((event) => [event.id, event.type])).toEqual([['sim-Shipment-0', 'sale']]);
    expect(simulator.stats().operations.listFinancialEvents).toBeUndefined();
  });

  it('pages with nextToken, repeating the arguments, and covers 400 days in 180-day windows', async () => {
    const { amazon, simulator, clock } = setup(server);
    const start = clock.now();
    simulator.setFinancialEvents({
      ShipmentEventList: Array.from({ length: 250 }, (_, i) =>
        shipment(`222-${i}`, new Date(start - (i + 1) * 1.5 * DAY).toISOString(), 10, -1),
      ),
    });
    const sent: URL[] = [];
    server.events.on('request:start', ({ request }) => void sent.push(new URL(request.url)));
    const events = await clock.drive(() =>
      collect(amazon.listFinancialEvents({ since: new Date(start - 400 * DAY).toISOString() })),
    );
    server.events.removeAllListeners();
    expect(events).toHaveLength(250);
    expect(new Set(events.map((event) => event.id)).size).toBe(250);
    expect(events.every((event) => event.amount.amountMinor === 900)).toBe(true);
    const calls = sent.filter((url) => url.pathname === '/finances/2024-06-19/transactions');
    // 104 events in the oldest window, 120 in the next, 26 in the last 40 days: pages of 100.
    expect(
      calls.map((url) => [url.searchParams.get('postedAfter') !== null, url.searchParams.has('nextToken')]),
    ).toEqual([
      [true, false],
      [true, true],
      [true, false],
      [true, true],
      [true, false],
    ]);
    expect(calls[1]!.searchParams.get('postedBefore')).toBe(calls[0]!.searchParams.get('postedBefore'));
    expect(simulator.stats().operations.listTransactions).toMatchObject({ calls: 5, throttled: 0 });
  });

  it('a window of nearly 180 days keeps its end while its pages are read: none comes back empty', async () => {
    const { amazon, simulator, clock } = setup(server);
    const start = clock.now();
    simulator.setFinancialEvents({
      ShipmentEventList: Array.from({ length: 150 }, (_, i) =>
        shipment(`444-${i}`, new Date(start - (i + 1) * DAY).toISOString(), 10, -1),
      ),
    });
    const events = amazon
      .listFinancialEvents({ since: new Date(start - 180 * DAY).toISOString() })
      [Symbol.asyncIterator]();
    const read: FinancialEvent[] = [];
    for (let i = 0; i < 100; i++) read.push((await clock.drive(() => events.next())).value as FinancialEvent);
    // Three minutes pass before the second page: a default postedBefore (two minutes before that
    // request) would now lie more than 180 days after postedAfter, and Amazon answers nothing.
    await clock.advance(3 * 60_000);
    for (let next = await clock.drive(() => events.next()); !next.done; next = await clock.drive(() => events.next()))
      read.push(next.value);
    expect(read).toHaveLength(150);
    expect(new Set(read.map((event) => event.orderId)).size).toBe(150);
  });

  it('the simulator refuses a missing start date, dates less than two minutes old, and a nextToken with other arguments', async () => {
    const { amazon, simulator, clock } = setup(server);
    simulator.setFinancialEvents({
      ShipmentEventList: Array.from({ length: 120 }, (_, i) => shipment(`333-${i}`, '2025-12-01T00:00:00Z', 1, 0)),
    });
    const send = (query: Record<string, string>) =>
      clock.drive(() =>
        amazon.client.send<{ payload: { nextToken?: string } }>({
          operation: 'listTransactions',
          method: 'GET',
          path: '/finances/2024-06-19/transactions',
          query,
        }),
      );
    expect(await send({ postedBefore: '2025-12-02T00:00:00Z' }).catch((error: unknown) => error)).toMatchObject({
      status: 400,
    });
    expect(
      await send({ postedAfter: new Date(clock.now() - 60_000).toISOString() }).catch((error: unknown) => error),
    ).toMatchObject({ status: 400 });
    const first = await send({ postedAfter: '2025-11-01T00:00:00Z' });
    expect(first.payload.nextToken).toBeTruthy();
    expect(
      await send({ postedAfter: '2025-11-02T00:00:00Z', nextToken: first.payload.nextToken! }).catch(
        (error: unknown) => error,
      ),
    ).toMatchObject({ status: 400 });
  });
});
