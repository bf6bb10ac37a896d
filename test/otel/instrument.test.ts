import { metrics as metricsApi } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { EventBus } from '../../src/core/events.js';
import { createHttpClient } from '../../src/http/index.js';
import { instrumentMarketbridge } from '../../src/otel.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { countingFetch, drive } from '../http/helpers.js';

const BASE = 'https://api.example.test/v1';
const CANARY = 'sk_live_canary-7f3a.b9/x';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

function telemetry() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return { exporter, tracer: tracerProvider.getTracer('test'), meter: meterProvider.getMeter('test'), reader };
}

function points(collected: ResourceMetrics, name: string) {
  const metric = collected.scopeMetrics.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []) as { attributes: Record<string, unknown>; value: unknown }[];
}

function pipeline(events: EventBus) {
  const clock = new FakeClock();
  const wire = countingFetch();
  const context = createContext({ clock, events, tenantId: 'seller-1', fetch: wire.fetch });
  const client = createHttpClient({
    platform: 'shop',
    baseUrl: BASE,
    context,
    retry: { random: () => 0.5 },
    auth: { authorize: (request) => void request.headers.set('authorization', `Bearer ${CANARY}`) },
  });
  return { client, run: <T>(work: () => Promise<T>) => drive(clock, work, wire.busy) };
}

describe('OpenTelemetry instrumentation', () => {
  it('records one span per operation and per attempt, with retries, throttling and status, and no secret anywhere', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/orders`, () =>
        ++calls === 1
          ? new HttpResponse('slow down', { status: 429, headers: { 'retry-after': '1' } })
          : HttpResponse.json({ orders: [] }),
      ),
    );
    const events = new EventBus();
    const t = telemetry();
    const instrumentation = instrumentMarketbridge({
      events,
      tracer: t.tracer,
      meter: t.meter,
      operationGraceMs: 1,
      attributes: { 'deployment.environment': 'test' },
    });
    const { client, run } = pipeline(events);
    await run(() =>
      client.request({ operation: 'listOrders', method: 'GET', path: 'orders', query: { access_token: CANARY } }),
    );
    instrumentation.stop();
    const spans = t.exporter.getFinishedSpans();
    const operation = spans.find((span) => span.name === 'shop listOrders')!;
    const attempts = spans.filter((span) => span.name.startsWith('shop listOrders attempt'));
    expect(attempts.map((span) => span.attributes['http.response.status_code'])).toEqual([429, 200]);
    expect(attempts.every((span) => span.parentSpanContext?.spanId === operation.spanContext().spanId)).toBe(true);
    expect(operation.attributes).toMatchObject({
      'marketbridge.platform': 'shop',
      'marketbridge.operation': 'listOrders',
      'marketbridge.tenant': 'seller-1',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'marketbridge.retry_count': 1,
      'marketbridge.throttled': true,
      'marketbridge.attempts': 2,
      'deployment.environment': 'test',
    });
    const { resourceMetrics } = await t.reader.collect();
    expect(
      points(resourceMetrics, 'marketbridge.requests').map((p) => [
        p.attributes['http.response.status_class'],
        p.value,
      ]),
    ).toEqual([
      ['4xx', 1],
      ['2xx', 1],
    ]);
    expect(points(resourceMetrics, 'marketbridge.retries').map((p) => p.value)).toEqual([1]);
    expect(
      points(resourceMetrics, 'marketbridge.throttled').map((p) => p.attributes['marketbridge.throttle_source']),
    ).toEqual(['server']);
    expect(points(resourceMetrics, 'marketbridge.request.duration')).toHaveLength(2);
    const everything = JSON.stringify({
      spans: spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })),
      resourceMetrics,
    });
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain('canary');
  });

  it('turns webhook, sync, stream, circuit and quota events into metrics', async () => {
    const events = new EventBus();
    const t = telemetry();
    const limiter = {
      toJSON: () => ({
        'seller-1:shop:default': {
          kind: 'bucket' as const,
          tokens: 5,
          at: Date.now(),
          capacity: 20,
          refillPerSecond: 0.0001,
        },
      }),
    };
    const instrumentation = instrumentMarketbridge({
      events,
      tracer: t.tracer,
      meter: t.meter,
      limiters: () => [limiter],
    });
    events.emit('webhookReceived', { platform: 'shopify', topic: 'orders/create', eventId: 'e1', duplicate: false });
    events.emit('webhookReceived', { platform: 'shopify', topic: 'orders/create', eventId: 'e1', duplicate: true });
    events.emit('syncProgress', { runId: 'r1', phase: 'batch', done: 100 });
    events.emit('syncProgress', { runId: 'r1', phase: 'completed', done: 250 });
    events.emit('streamProgress', { source: 'redis:s/g', received: 5, acked: 5, rejected: 1, lag: 7 });
    events.emit('circuitOpen', { platform: 'shop', key: 'shop:api', until: Date.now() + 60_000, failures: 5 });
    const { resourceMetrics } = await t.reader.collect();
    expect(
      points(resourceMetrics, 'marketbridge.webhooks').map((p) => [p.attributes['marketbridge.outcome'], p.value]),
    ).toEqual([
      ['accepted', 1],
      ['duplicate', 1],
    ]);
    expect(points(resourceMetrics, 'marketbridge.sync.skus').reduce((sum, p) => sum + Number(p.value), 0)).toBe(250);
    expect(points(resourceMetrics, 'marketbridge.sync.runs').map((p) => p.value)).toEqual([1]);
    expect(points(resourceMetrics, 'marketbridge.stream.lag').map((p) => p.value)).toEqual([7]);
    expect(
      points(resourceMetrics, 'marketbridge.stream.messages').map((p) => [
        p.attributes['marketbridge.result'],
        p.value,
      ]),
    ).toEqual([
      ['committed', 4],
      ['rejected', 1],
    ]);
    expect(points(resourceMetrics, 'marketbridge.circuit.open').map((p) => p.value)).toEqual([1]);
    expect(
      points(resourceMetrics, 'marketbridge.quota.utilisation').map((p) => [
        p.attributes['marketbridge.bucket'],
        p.value,
      ]),
    ).toEqual([['seller-1:shop:default', 0.75]]);
    instrumentation.stop();
    expect(events.listenerCount('webhookReceived')).toBe(0);
  });

  it('uses the global providers when given no tracer or meter', () => {
    expect(() => instrumentMarketbridge({ events: new EventBus() }).stop()).not.toThrow();
    expect(metricsApi.getMeter('x')).toBeDefined();
  });
});
