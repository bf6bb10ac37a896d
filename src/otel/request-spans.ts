import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import type { MarketbridgeEvents } from '../core/events.js';
import { otel } from './peer.js';

interface Operation {
  span: Span;
  attempt?: Span;
  retries: number;
  throttled: boolean;
  lastEnd?: number;
  closing?: ReturnType<typeof setTimeout>;
  expiry: ReturnType<typeof setTimeout>;
}

const unref = (timer: ReturnType<typeof setTimeout>) => {
  (timer as { unref?: () => void }).unref?.();
  return timer;
};

/**
 * Spans from the request pipeline's events: one span per operation (named
 * `<platform> <operation>`) with one child per HTTP attempt. Attributes: platform, operation,
 * tenant, method, status, attempt, retry count and whether the platform throttled. URLs,
 * headers and bodies are never recorded, so no secret can reach an exporter.
 *
 * The pipeline emits no "operation finished" event: an operation ends `graceMs` after its last
 * response unless a retry follows (its end time is that response's), and at the latest after
 * `maxOperationMs`.
 *
 * @example
 * ```ts
 * const spans = new RequestSpans(tracer, { graceMs: 100, maxOperationMs: 300_000, maxOpen: 10_000 });
 * events.on('request', (event) => spans.request(event));
 * ```
 */
export class RequestSpans {
  readonly #tracer: Tracer;
  readonly #open = new Map<string, Operation>();
  #lastRetried: Operation | undefined;
  readonly #options: { graceMs: number; maxOperationMs: number; maxOpen: number; attributes: Attributes };

  /**
   * @param tracer - where spans go
   * @param options - timing of operation ends, a bound on open operations, extra attributes
   */
  constructor(
    tracer: Tracer,
    options: { graceMs: number; maxOperationMs: number; maxOpen: number; attributes: Attributes },
  ) {
    this.#tracer = tracer;
    this.#options = options;
  }

  /** Operations with a span still open. */
  get open(): number {
    return this.#open.size;
  }

  /** An attempt starts (and, on the first, the operation). */
  request(event: MarketbridgeEvents['request']): void {
    let operation = this.#open.get(event.requestId);
    const base: Attributes = {
      ...this.#options.attributes,
      'marketbridge.platform': event.platform,
      'marketbridge.operation': event.operation,
      'http.request.method': event.method,
      ...(event.tenantId ? { 'marketbridge.tenant': event.tenantId } : {}),
    };
    if (!operation) {
      if (this.#open.size >= this.#options.maxOpen) this.#end(this.#open.keys().next().value!);
      const span = this.#tracer.startSpan(`${event.platform} ${event.operation}`, {
        kind: otel.SpanKind.CLIENT,
        attributes: base,
      });
      operation = {
        span,
        retries: 0,
        throttled: false,
        expiry: unref(setTimeout(() => this.#end(event.requestId), this.#options.maxOperationMs)),
      };
      this.#open.set(event.requestId, operation);
    }
    if (operation.closing) clearTimeout(operation.closing);
    // An attempt still open here failed before any answer (connection error, timeout).
    if (operation.attempt) {
      operation.attempt.setStatus({ code: otel.SpanStatusCode.ERROR, message: 'no response' });
      operation.attempt.end();
    }
    const parent = otel.trace.setSpan(otel.context.active(), operation.span);
    operation.attempt = this.#tracer.startSpan(
      `${event.platform} ${event.operation} attempt ${event.attempt}`,
      { kind: otel.SpanKind.CLIENT, attributes: { ...base, 'marketbridge.attempt': event.attempt } },
      parent,
    );
  }

  /** An attempt got its answer. */
  response(event: MarketbridgeEvents['response']): void {
    const operation = this.#open.get(event.requestId);
    if (!operation) return;
    const failed = event.status >= 400;
    if (event.status === 429) operation.throttled = true;
    if (operation.attempt) {
      operation.attempt.setAttribute('http.response.status_code', event.status);
      if (failed) operation.attempt.setStatus({ code: otel.SpanStatusCode.ERROR, message: `HTTP ${event.status}` });
      operation.attempt.end();
      operation.attempt = undefined;
    }
    operation.span.setAttribute('http.response.status_code', event.status);
    operation.span.setAttribute('marketbridge.attempts', event.attempt);
    operation.span.setStatus(
      failed ? { code: otel.SpanStatusCode.ERROR, message: `HTTP ${event.status}` } : { code: otel.SpanStatusCode.OK },
    );
    operation.lastEnd = Date.now();
    operation.closing = unref(setTimeout(() => this.#end(event.requestId), this.#options.graceMs));
  }

  /** The pipeline will try again: the operation stays open. */
  retry(event: MarketbridgeEvents['retry']): void {
    const operation = this.#open.get(event.requestId);
    if (!operation) return;
    if (operation.closing) clearTimeout(operation.closing);
    operation.closing = undefined;
    operation.retries++;
    this.#lastRetried = operation;
    operation.span.setAttribute('marketbridge.retry_count', operation.retries);
    operation.span.addEvent('retry', {
      'marketbridge.attempt': event.attempt,
      'marketbridge.retry_delay_ms': event.delayMs,
    });
  }

  /**
   * The platform throttled: the pipeline emits this right after the `retry` of the throttled
   * operation (Shopify's THROTTLED comes in a 200, so the status alone does not tell).
   */
  throttled(event: MarketbridgeEvents['throttled']): void {
    if (event.source !== 'server' || !this.#lastRetried) return;
    this.#lastRetried.throttled = true;
  }

  /** Ends every open span now. */
  flush(): void {
    for (const id of [...this.#open.keys()]) this.#end(id);
  }

  #end(requestId: string): void {
    const operation = this.#open.get(requestId);
    if (!operation) return;
    this.#open.delete(requestId);
    if (this.#lastRetried === operation) this.#lastRetried = undefined;
    clearTimeout(operation.expiry);
    if (operation.closing) clearTimeout(operation.closing);
    operation.attempt?.end();
    operation.span.setAttribute('marketbridge.retry_count', operation.retries);
    operation.span.setAttribute('marketbridge.throttled', operation.throttled);
    operation.span.end(operation.lastEnd);
  }
}
