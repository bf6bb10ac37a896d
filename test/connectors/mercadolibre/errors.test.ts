import { describe, expect, it } from 'vitest';
import { causeIssues, mercadolibreClassifier, mercadolibreError } from '../../../src/connectors/mercadolibre/errors.js';
import { EventBus, type MarketbridgeEvents } from '../../../src/core/events.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../../src/core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../src/core/errors/marketplace-api-error.js';
import type { ValidationError } from '../../../src/core/errors/validation-error.js';
import { money } from '../../../src/model/money.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();

const failure = <T>(promise: Promise<T>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as MarketbridgeError,
  );

describe("MercadoLibre's error envelope becomes typed errors", () => {
  it('a 400 with causes is a ValidationError with one issue per field (an item with sales keeps its title)', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 3, sku: 'MUG-1', soldQuantity: 2 });
    const result = await clock.drive(() =>
      ml.upsertProducts([
        { id: item.id, title: 'Renamed mug', offers: [{ sku: 'MUG-1', price: money(10000, 'ARS') }] },
      ]),
    );
    const outcome = result.items[0]!;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('validation_failed');
    expect((outcome.error as ValidationError).issues).toEqual([
      {
        path: ['item', 'title'],
        message: 'The title of an item with sales cannot change.',
        code: 'item.title.not_modifiable',
      },
    ]);
    expect(outcome.error.status).toBe(400);
    expect(simulator.state.items.get(item.id)!.title).toBe('Mug');
  });

  it('a 403 is an AuthError that names scopes and account status, and spends no refresh token', async () => {
    const { ml, simulator, clock } = setup(server);
    const error = await clock.drive(() => failure(ml.client.searchItems({ sellerId: '1' })));
    expect(error).toMatchObject({
      code: 'auth_failed',
      status: 403,
      platform: 'mercadolibre',
      operation: 'searchItems',
    });
    expect(error!.message).toMatch(/scopes/);
    expect(simulator.tokens.stats().refreshRequests).toBe(1);
  });

  it('a 404 is a NotFoundError', async () => {
    const { ml, clock } = setup(server);
    expect(await clock.drive(() => failure(ml.getOrder('123')))).toMatchObject({ code: 'not_found', status: 404 });
  });

  it('429s are waited out and retried, reported as throttled by the server', async () => {
    const events = new EventBus();
    const throttled: MarketbridgeEvents['throttled'][] = [];
    events.on('throttled', (event) => throttled.push(event));
    const { ml, simulator, clock } = setup(server, { faults: [{ kind: 'throttle', at: [0, 1] }] }, {}, { events });
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 3, sku: 'MUG-1' });
    expect((await clock.drive(() => ml.getProduct(item.id))).id).toBe(item.id);
    expect(simulator.stats().faults).toBe(2);
    expect(throttled.filter((event) => event.source === 'server')).toHaveLength(2);
    // No Retry-After: the wait is one token of the items-read budget (10/s).
    expect(throttled.find((event) => event.source === 'server')!.waitMs).toBe(100);
  });

  it('a truncated body on a read is retried; a write that lost its answer is not blindly re-sent', async () => {
    const { ml, simulator, clock } = setup(server, {
      faults: [
        { kind: 'malformed', at: [0] },
        { kind: 'server-error', at: [2], status: 503 },
      ],
    });
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 3, sku: 'MUG-1' });
    expect((await clock.drive(() => ml.getProduct(item.id))).id).toBe(item.id);
    const error = await clock.drive(() => failure(ml.client.createItem({ title: 'X' })));
    expect(error).toMatchObject({ code: 'marketplace_api_error', status: 503, retryable: true });
    expect(simulator.stats().calls).toBe(3);
  });

  it('an item MercadoLibre sends that cannot be read is a typed error naming the field, not a crash', async () => {
    const { ml, simulator, clock } = setup(server);
    const item = simulator.catalog.addItem({ title: 'Mug', price: 100, quantity: 3, sku: 'MUG-1' });
    (item as unknown as Record<string, unknown>).price = 'free';
    const error = await clock.drive(() => failure(ml.getProduct(item.id)));
    expect(error).toMatchObject({ code: 'marketplace_api_error', retryable: false });
    expect(error!.message).toMatch(/price/);
  });
});

describe('error mapping and classification', () => {
  it('maps cause references to paths, leaving warnings out', () => {
    const issues = causeIssues({
      message: 'Validation error',
      error: 'validation_error',
      status: 400,
      cause: [
        {
          code: 'item.variations.price.invalid',
          message: 'Bad price',
          references: ['item.variations[1].price'],
          type: 'error',
        },
        { code: 'item.pictures.low_quality', message: 'Low quality', references: ['item.pictures'], type: 'warning' },
        'plain text cause',
      ],
    });
    expect(issues).toEqual([
      { path: ['item', 'variations', 1, 'price'], message: 'Bad price', code: 'item.variations.price.invalid' },
      { path: ['cause'], message: 'plain text cause' },
    ]);
  });

  it('a 409 becomes a ConflictError; other errors pass through', () => {
    const conflict = mercadolibreError(
      new MarketplaceApiError('x', {
        status: 409,
        body: { message: 'Version mismatch', error: 'conflict', status: 409, cause: [] },
      }),
      'updateUserProductStock',
    );
    expect(isMarketbridgeError(conflict, 'conflict')).toBe(true);
    const plain = new Error('boom');
    expect(mercadolibreError(plain, 'getItem')).toBe(plain);
  });

  it('throttling waits for Retry-After when MercadoLibre sends it, else one token of the resource', () => {
    const classify = mercadolibreClassifier({ 'items-write': { ratePerSecond: 4, burst: 4 } });
    const input = {
      status: 429,
      body: { message: 'Too Many Requests', error: 'local_rate_limited', status: 429, cause: [] },
      method: 'PUT',
      operation: 'updateItem',
    };
    expect(classify({ ...input, headers: new Headers() })).toMatchObject({
      kind: 'throttled',
      retryAfterMs: 250,
      feedback: { available: 0 },
    });
    expect(classify({ ...input, headers: new Headers({ 'retry-after': '3' }) })?.retryAfterMs).toBeUndefined();
    expect(classify({ ...input, status: 403, headers: new Headers() })?.kind).toBe('error');
  });
});
