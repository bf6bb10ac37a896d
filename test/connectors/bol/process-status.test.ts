import { describe, expect, it } from 'vitest';
import { checkRequest } from './openapi.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

function offers(h: ReturnType<typeof setup>, count: number) {
  return Array.from({ length: count }, (_, i) =>
    h.simulator.addOffer({ ean: String(8_712_626_055_000 + i), price: 9.99, stock: 1 }),
  );
}

const stockPuts = (h: ReturnType<typeof setup>) => h.simulator.stats().groups['offers-stock']?.requests ?? 0;

describe('process statuses', () => {
  it('waits from PENDING to SUCCESS, polling the batch in bulk with backoff', async () => {
    const h = setup({
      server,
      simulator: { processingMs: 20_000 },
      config: { processStatus: { pollMs: 1000, maxPollMs: 8000, deadlineMs: 600_000 } },
    });
    const [a, b, c] = offers(h, 3);
    await h.run(() => h.bol.refreshOfferIndex());
    const started = h.clock.now();
    const result = await h.run(() =>
      h.bol.setInventory([a!, b!, c!].map((offer) => ({ sku: offer.ean, quantity: 7 }))),
    );
    expect(result.succeeded).toBe(3);
    // Not before bol.com settled them (20 s), and not much after: polls at +0, 1, 3, 7, 15, 23 s.
    expect(h.clock.now() - started).toBeGreaterThanOrEqual(20_000);
    expect(h.clock.now() - started).toBeLessThanOrEqual(24_000);
    expect(h.simulator.stats().groups['process-status-bulk']?.requests).toBe(6);
    for (const offer of [a, b, c]) expect(h.simulator.state.offers.get(offer!.offerId)!.stock.amount).toBe(7);
  });

  it('reports FAILURE and TIMEOUT per item and keeps the other items', async () => {
    const h = setup({
      server,
      simulator: {
        decide: (write) =>
          write.entityId === 'offer-2'
            ? { status: 'FAILURE', errorMessage: 'Offer is blocked for this retailer.' }
            : write.entityId === 'offer-3'
              ? { status: 'TIMEOUT' }
              : undefined,
      },
    });
    const list = offers(h, 4);
    const result = await h.run(() => h.bol.setInventory(list.map((offer) => ({ sku: offer.ean, quantity: 3 }))));
    const [ok1, failed, timedOut, ok2] = result.items;
    expect([ok1!.ok, ok2!.ok]).toEqual([true, true]);
    expect(failed).toMatchObject({ ok: false, error: { code: 'marketplace_api_error', retryable: false } });
    expect(!failed!.ok && failed!.error.message).toMatch(/Offer is blocked for this retailer/);
    expect(timedOut).toMatchObject({ ok: false, error: { code: 'marketplace_api_error', retryable: true } });
    expect(!timedOut!.ok && timedOut!.error.message).toMatch(/timed out processing .* applied nothing/);
    expect(h.simulator.state.offers.get(list[1]!.offerId)!.stock.amount).toBe(1);
    expect(h.simulator.state.offers.get(list[2]!.offerId)!.stock.amount).toBe(1);
  });

  it('gives up at the deadline with the outcome unknown, without sending again', async () => {
    const h = setup({
      server,
      simulator: { processingMs: (write) => (write.eventType === 'UPDATE_OFFER_STOCK' ? 3_600_000 : 0) },
      config: { processStatus: { pollMs: 1000, maxPollMs: 10_000, deadlineMs: 60_000 } },
    });
    const [a] = offers(h, 1);
    await h.run(() => h.bol.refreshOfferIndex());
    const started = h.clock.now();
    const result = await h.run(() => h.bol.setInventory([{ sku: a!.ean, quantity: 2 }]));
    expect(result.items[0]).toMatchObject({ ok: false, error: { code: 'timeout', retryable: true } });
    expect(!result.items[0]!.ok && result.items[0]!.error.message).toMatch(/outcome is unknown/);
    expect(h.clock.now() - started).toBeLessThanOrEqual(60_000);
    expect(stockPuts(h)).toBe(1);
  });

  it('reports a status bol.com no longer keeps as unknown', async () => {
    const h = setup({
      server,
      simulator: {
        processingMs: (write) => (write.eventType === 'UPDATE_OFFER_STOCK' ? 5_000 : 0),
        retentionMs: 1_000,
      },
      config: { processStatus: { pollMs: 10_000, maxPollMs: 10_000, deadlineMs: 60_000 } },
    });
    const [a] = offers(h, 1);
    await h.run(() => h.bol.refreshOfferIndex());
    const result = await h.run(() => h.bol.setInventory([{ sku: a!.ean, quantity: 2 }]));
    expect(result.items[0]).toMatchObject({ ok: false, error: { code: 'marketplace_api_error', retryable: true } });
    expect(!result.items[0]!.ok && result.items[0]!.error.message).toMatch(/no longer knows process status/);
  });
});

describe('crash and resume', () => {
  it('reads a keyed write back after its answer was lost instead of sending it again', async () => {
    const problems: string[] = [];
    const operations: string[] = [];
    let dropped = false;
    const h = setup({
      server,
      inspect: async (request) => {
        if (request.url.startsWith('https://login.bol.com/')) return;
        const checked = await checkRequest(request);
        problems.push(...checked.problems);
        if (checked.operationId) operations.push(checked.operationId);
      },
      transport: async (request, send) => {
        const answer = await send(request);
        if (request.method === 'PUT' && request.url.endsWith('/stock') && !dropped) {
          dropped = true;
          throw new TypeError('fetch failed: connection reset after the request was sent');
        }
        return answer;
      },
    });
    const [a] = offers(h, 1);
    const result = await h.run(() => h.bol.setInventory([{ sku: a!.ean, quantity: 9, idempotencyKey: 'sync-1/a' }]));
    expect(result.items[0]).toMatchObject({ ok: true, value: { available: 9 } });
    expect(stockPuts(h)).toBe(1);
    // The read-back: the offer's UPDATE_OFFER_STOCK statuses, by entity.
    expect(operations.filter((operation) => operation === 'get-process-status-entity-id')).toHaveLength(1);
    expect(problems).toEqual([]);
  });

  it('sends a keyed write whose answer was lost once more when bol.com never got it', async () => {
    let dropped = false;
    const h = setup({
      server,
      transport: async (request, send) => {
        if (request.method === 'PUT' && request.url.endsWith('/stock') && !dropped) {
          dropped = true;
          throw new TypeError('fetch failed: connection refused');
        }
        return send(request);
      },
    });
    const [a] = offers(h, 1);
    const result = await h.run(() => h.bol.setInventory([{ sku: a!.ean, quantity: 4, idempotencyKey: 'sync-1/a' }]));
    expect(result.items[0]).toMatchObject({ ok: true });
    expect(stockPuts(h)).toBe(1);
    expect(h.simulator.state.offers.get(a!.offerId)!.stock.amount).toBe(4);
  });

  it('resumes a batch from the store after the process died while polling, without sending again', async () => {
    const h = setup({ server, simulator: { processingMs: 30_000 } });
    const list = offers(h, 5);
    const updates = list.map((offer, i) => ({ sku: offer.ean, quantity: 10 + i }));
    await h.run(() => h.bol.refreshOfferIndex());
    const controller = new AbortController();
    const first = h.run(() => h.bol.setInventory(updates, { batchKey: 'nightly-1', signal: controller.signal }));
    // The writes went out; the process dies while it waits for their statuses.
    while (stockPuts(h) < 5) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('process killed'));
    await expect(first).rejects.toThrow('process killed');
    expect(stockPuts(h)).toBe(5);
    // Another process, same store, same batch.
    const other = h.make();
    const resumed = await h.run(() => other.setInventory(updates, { batchKey: 'nightly-1' }));
    expect(resumed.succeeded).toBe(5);
    expect(stockPuts(h)).toBe(5);
    list.forEach((offer, i) => {
      expect(h.simulator.state.offers.get(offer.offerId)!.stock.amount).toBe(10 + i);
    });
  });

  it('answers a replay from the recorded outcome, even after bol.com forgot the status', async () => {
    const h = setup({ server, simulator: { retentionMs: 60_000 } });
    const [a, b] = offers(h, 2);
    const updates = [
      { sku: a!.ean, quantity: 3, idempotencyKey: 'k-a' },
      { sku: b!.ean, quantity: 5, idempotencyKey: 'k-b' },
    ];
    expect((await h.run(() => h.bol.setInventory(updates))).succeeded).toBe(2);
    await h.clock.advance(24 * 3_600_000);
    const replay = await h.run(() => h.make().setInventory(updates));
    expect(replay.succeeded).toBe(2);
    expect(stockPuts(h)).toBe(2);
  });

  it('refuses a key reused for a different write, sending nothing', async () => {
    const h = setup({ server });
    const [a] = offers(h, 1);
    await h.run(() => h.bol.setInventory([{ sku: a!.ean, quantity: 3, idempotencyKey: 'k-a' }]));
    const reused = await h.run(() => h.bol.setInventory([{ sku: a!.ean, quantity: 8, idempotencyKey: 'k-a' }]));
    expect(reused.items[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(stockPuts(h)).toBe(1);
    expect(h.simulator.state.offers.get(a!.offerId)!.stock.amount).toBe(3);
  });
});
