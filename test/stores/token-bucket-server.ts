/**
 * A local rate-limited API: one token bucket (capacity, refill per second) enforced on every
 * request, 429 when empty, like a marketplace's usage plan. Counts what it answered.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeTake, type BucketState } from '../../src/stores/bucket.js';

export interface TokenBucketServer {
  url: string;
  counts: { ok: number; throttled: number };
  /** When the first and the last accepted request arrived (ms). */
  span: { first: number; last: number };
  close(): Promise<void>;
}

export async function startTokenBucketServer(capacity: number, refillPerSecond: number): Promise<TokenBucketServer> {
  const now = () => performance.timeOrigin + performance.now();
  let state: BucketState = { tokens: capacity, at: now() };
  const counts = { ok: 0, throttled: 0 };
  const span = { first: Number.NaN, last: Number.NaN };
  const server = createServer((req, res) => {
    if (req.url === '/warm-up') {
      res.end('{}');
      return;
    }
    const { next, result } = computeTake(state, { key: 'api', capacity, refillPerSecond, cost: 1 }, now());
    state = next;
    if (result.granted) {
      counts.ok++;
      if (Number.isNaN(span.first)) span.first = state.at;
      span.last = state.at;
    } else counts.throttled++;
    res.writeHead(result.granted ? 200 : 429, { 'content-type': 'application/json', connection: 'keep-alive' });
    res.end(result.granted ? '{"ok":true}' : '{"errors":[{"code":"QuotaExceeded"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    counts,
    span,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
