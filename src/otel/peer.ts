import type * as OtelApi from '@opentelemetry/api';
import { loadPeer } from '../peers/load-peer.js';

/**
 * The `@opentelemetry/api` module. Loaded when `marketbridge/otel` is imported, so that a
 * missing install fails at once, naming the command that fixes it.
 *
 * @example
 * ```ts
 * const tracer = otel.trace.getTracer('marketbridge');
 * ```
 */
export const otel: typeof OtelApi = loadPeer<typeof OtelApi>('@opentelemetry/api', 'marketbridge/otel', '^1.3.0');
