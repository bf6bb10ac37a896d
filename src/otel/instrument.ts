import type { Attributes, Meter, Tracer } from '@opentelemetry/api';
import type { Disposer } from '../core/types.js';
import type { EventBus } from '../core/events.js';
import { budgetUsage } from '../health/budgets.js';
import type { LimiterSource } from '../health/health-report.js';
import { otel } from './peer.js';
import { RequestSpans } from './request-spans.js';

/**
 * Options of {@link instrumentMarketbridge}.
 *
 * @example
 * ```ts
 * const options: InstrumentOptions = { events: context.events, limiters: () => [shopify.limiter], attributes: { 'deployment.environment': 'prod' } };
 * ```
 *
 * @category OpenTelemetry
 */
export interface InstrumentOptions {
  /** The event bus to listen to (the `events` of the contexts your connectors, sync and webhooks use). */
  events: EventBus;
  /** Where spans go (default: the global tracer provider's `marketbridge` tracer). */
  tracer?: Tracer;
  /** Where metrics go (default: the global meter provider's `marketbridge` meter). */
  meter?: Meter;
  /** Limiters whose budgets to report as quota utilisation, read at each collection. */
  limiters?: () => Iterable<LimiterSource | undefined>;
  /** Attributes added to every span and metric point (keep secrets out of them). */
  attributes?: Attributes;
  /** How long after an operation's last response its span ends unless a retry follows (default 250 ms). */
  operationGraceMs?: number;
  /** The longest an operation span stays open (default 10 minutes). */
  maxOperationMs?: number;
}

/**
 * What {@link instrumentMarketbridge} returns: stop it to remove every listener and end open spans.
 *
 * @example
 * ```ts
 * const telemetry = instrumentMarketbridge({ events });
 * process.on('beforeExit', () => telemetry.stop());
 * ```
 *
 * @category OpenTelemetry
 */
export interface Instrumentation {
  /** Removes the listeners and ends open spans. */
  stop: Disposer;
}

/**
 * Turns marketbridge's typed events into OpenTelemetry spans and metrics:
 *
 * - spans: one per operation and one per HTTP attempt (platform, operation, tenant, method,
 *   status, attempt, retry count, throttled); never URLs, headers or bodies;
 * - metrics: `marketbridge.requests` (by status class), `marketbridge.request.duration` (ms),
 *   `marketbridge.throttled` (limiter or server), `marketbridge.retries`,
 *   `marketbridge.limiter.wait` (ms), `marketbridge.circuit.opened` and the
 *   `marketbridge.circuit.open` gauge, `marketbridge.quota.utilisation` per bucket,
 *   `marketbridge.webhooks` (by outcome), `marketbridge.sync.skus` and `marketbridge.sync.runs`,
 *   `marketbridge.stream.messages` and the `marketbridge.stream.lag` gauge,
 *   `marketbridge.tokens.refreshed`.
 *
 * @example
 * ```ts
 * import { instrumentMarketbridge } from 'marketbridge/otel';
 *
 * const context = createContext();
 * instrumentMarketbridge({ events: context.events, limiters: () => [shopify.limiter] });
 * ```
 *
 * @category OpenTelemetry
 */
export function instrumentMarketbridge(options: InstrumentOptions): Instrumentation {
  const { events } = options;
  const tracer = options.tracer ?? otel.trace.getTracer('marketbridge');
  const meter = options.meter ?? otel.metrics.getMeter('marketbridge');
  const common = options.attributes ?? {};
  const spans = new RequestSpans(tracer, {
    graceMs: options.operationGraceMs ?? 250,
    maxOperationMs: options.maxOperationMs ?? 600_000,
    maxOpen: 10_000,
    attributes: common,
  });
  const where = (event: { platform: string; tenantId?: string }): Attributes => ({
    ...common,
    'marketbridge.platform': event.platform,
    ...(event.tenantId ? { 'marketbridge.tenant': event.tenantId } : {}),
  });

  const requests = meter.createCounter('marketbridge.requests', {
    description: 'HTTP attempts answered, by status class',
  });
  const duration = meter.createHistogram('marketbridge.request.duration', {
    description: 'Time from sending an attempt to its answer',
    unit: 'ms',
  });
  const throttled = meter.createCounter('marketbridge.throttled', {
    description: 'Times work waited for quota (limiter) or the platform throttled it (server)',
  });
  const retries = meter.createCounter('marketbridge.retries', { description: 'Attempts retried by the pipeline' });
  const limiterWait = meter.createHistogram('marketbridge.limiter.wait', {
    description: 'Time waited for rate-limit budget',
    unit: 'ms',
  });
  const circuitOpened = meter.createCounter('marketbridge.circuit.opened', {
    description: 'Circuit breakers that opened',
  });
  const circuitOpen = meter.createObservableGauge('marketbridge.circuit.open', {
    description: '1 while a circuit breaker is open',
  });
  const quota = meter.createObservableGauge('marketbridge.quota.utilisation', {
    description: 'Share of each rate-limit budget in use (0 to 1)',
  });
  const webhooks = meter.createCounter('marketbridge.webhooks', { description: 'Webhooks received, by outcome' });
  const syncSkus = meter.createCounter('marketbridge.sync.skus', { description: 'SKUs processed by sync runs' });
  const syncRuns = meter.createCounter('marketbridge.sync.runs', { description: 'Sync runs completed' });
  const streamMessages = meter.createCounter('marketbridge.stream.messages', {
    description: 'Stream messages, by result',
  });
  const streamLag = meter.createObservableGauge('marketbridge.stream.lag', {
    description: 'Stream messages not yet acknowledged',
  });
  const tokens = meter.createCounter('marketbridge.tokens.refreshed', { description: 'OAuth token refreshes' });

  const circuits = new Map<string, { until: number; attributes: Attributes }>();
  const lags = new Map<string, { lag: number; attributes: Attributes }>();
  const syncDone = new Map<string, number>();

  const observe = (result: { observe(value: number, attributes?: Attributes): void }) => {
    const now = Date.now();
    for (const [key, circuit] of circuits)
      result.observe(circuit.until > now ? 1 : 0, { ...circuit.attributes, 'marketbridge.circuit': key });
  };
  const observeQuota = (result: { observe(value: number, attributes?: Attributes): void }) => {
    const now = Date.now();
    for (const limiter of options.limiters?.() ?? []) {
      if (!limiter) continue;
      for (const usage of budgetUsage(limiter.toJSON(), now))
        result.observe(usage.utilisation, { ...common, 'marketbridge.bucket': usage.key });
    }
  };
  const observeLag = (result: { observe(value: number, attributes?: Attributes): void }) => {
    for (const { lag, attributes } of lags.values()) result.observe(lag, attributes);
  };
  circuitOpen.addCallback(observe);
  quota.addCallback(observeQuota);
  streamLag.addCallback(observeLag);

  const disposers: Disposer[] = [
    events.on('request', (event) => spans.request(event)),
    events.on('response', (event) => {
      spans.response(event);
      const attributes = {
        ...where(event),
        'marketbridge.operation': event.operation,
        'http.response.status_class': `${Math.floor(event.status / 100)}xx`,
      };
      requests.add(1, attributes);
      duration.record(event.durationMs, attributes);
    }),
    events.on('retry', (event) => {
      spans.retry(event);
      retries.add(1, { ...where(event), 'marketbridge.operation': event.operation });
    }),
    events.on('throttled', (event) => {
      spans.throttled(event);
      const attributes = {
        ...where(event),
        'marketbridge.operation': event.operation,
        'marketbridge.throttle_source': event.source,
      };
      throttled.add(1, attributes);
      if (event.source === 'limiter') limiterWait.record(event.waitMs, attributes);
    }),
    events.on('circuitOpen', (event) => {
      circuitOpened.add(1, where(event));
      circuits.set(event.key, { until: event.until, attributes: where(event) });
    }),
    events.on('webhookReceived', (event) =>
      webhooks.add(1, {
        ...where(event),
        'marketbridge.topic': event.topic,
        'marketbridge.outcome': event.duplicate ? 'duplicate' : 'accepted',
      }),
    ),
    events.on('syncProgress', (event) => {
      const attributes = {
        ...common,
        'marketbridge.phase': event.phase,
        ...(event.marketplace ? { 'marketbridge.platform': event.marketplace } : {}),
      };
      // `done` is cumulative per run: count what is new since the last event of the run.
      const before = syncDone.get(event.runId) ?? 0;
      if (event.done > before) syncSkus.add(event.done - before, attributes);
      syncDone.set(event.runId, Math.max(before, event.done));
      if (event.phase === 'completed') {
        syncRuns.add(1, attributes);
        syncDone.delete(event.runId);
      }
      if (syncDone.size > 1_000) syncDone.delete(syncDone.keys().next().value!);
    }),
    events.on('streamProgress', (event) => {
      const attributes = {
        ...common,
        'marketbridge.source': event.source,
        ...(event.platform ? { 'marketbridge.platform': event.platform } : {}),
      };
      streamMessages.add(event.acked - event.rejected, { ...attributes, 'marketbridge.result': 'committed' });
      if (event.rejected > 0) streamMessages.add(event.rejected, { ...attributes, 'marketbridge.result': 'rejected' });
      if (event.lag !== undefined) lags.set(event.source, { lag: event.lag, attributes });
    }),
    events.on('tokenRefreshed', (event) => tokens.add(1, where(event))),
  ];

  return {
    stop() {
      for (const dispose of disposers) dispose();
      circuitOpen.removeCallback(observe);
      quota.removeCallback(observeQuota);
      streamLag.removeCallback(observeLag);
      spans.flush();
    },
  };
}
