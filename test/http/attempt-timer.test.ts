import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { createContext } from '../../src/core/context.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import { createHttpClient } from '../../src/http/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

/** A fetch that records the signal it was given and answers, or hangs until aborted. */
function recordingFetch(hang: () => boolean) {
  const signals: AbortSignal[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const request = new Request(input, init);
    signals.push(request.signal);
    if (!hang())
      return Promise.resolve(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));
    return new Promise((_, reject) =>
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }),
    );
  };
  return { fetch, signals };
}

function clientWith(clock: Clock, fetch: typeof globalThis.fetch) {
  return createHttpClient({
    platform: 'p',
    baseUrl: 'https://p.test',
    context: createContext({ clock, fetch }),
    retry: { limit: 0 },
    timeoutMs: 1000,
  });
}

describe('attempt timer', () => {
  it('FakeClock.setTimer fires at its time, once, and not after cancel', async () => {
    const clock = new FakeClock();
    const fired: string[] = [];
    clock.setTimer(100, () => fired.push('a'));
    const cancel = clock.setTimer(50, () => fired.push('b'));
    expect(clock.pending).toBe(2);
    cancel();
    cancel();
    expect(clock.pending).toBe(1);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual(['a']);
    expect(clock.pending).toBe(0);
  });

  it('a finished attempt leaves no timer and does not abort the fetch signal; a hung one is aborted with TimeoutError', async () => {
    const clock = new FakeClock();
    let hang = false;
    const wire = recordingFetch(() => hang);
    const client = clientWith(clock, wire.fetch);
    await expect(client.request({ operation: 'a', method: 'GET', path: 'x' })).resolves.toMatchObject({
      data: { ok: true },
    });
    expect(clock.pending).toBe(0);
    expect(wire.signals[0]?.aborted).toBe(false);
    hang = true;
    const error = await clock
      .drive(() => client.request({ operation: 'a', method: 'GET', path: 'x' }))
      .catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'timeout')).toBe(true);
    expect(wire.signals[1]?.aborted).toBe(true);
    expect((wire.signals[1]!.reason as DOMException).name).toBe('TimeoutError');
  });

  it('a clock without setTimer falls back to sleep and still times out', async () => {
    const fake = new FakeClock();
    const clock: Clock = { now: () => fake.now(), sleep: (ms, signal) => fake.sleep(ms, signal) };
    let hang = false;
    const wire = recordingFetch(() => hang);
    const client = clientWith(clock, wire.fetch);
    await expect(client.request({ operation: 'a', method: 'GET', path: 'x' })).resolves.toMatchObject({ attempts: 1 });
    expect(fake.pending).toBe(0);
    hang = true;
    const error = await fake
      .drive(() => client.request({ operation: 'a', method: 'GET', path: 'x' }))
      .catch((e: unknown) => e);
    expect(isMarketbridgeError(error, 'timeout')).toBe(true);
  });

  it('the caller signal aborts a sent request with its own reason', async () => {
    const clock = new FakeClock();
    const wire = recordingFetch(() => true);
    const client = clientWith(clock, wire.fetch);
    const controller = new AbortController();
    const reason = new Error('stop');
    const sent = client.request({ operation: 'a', method: 'GET', path: 'x', signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(reason);
    await expect(sent).rejects.toBe(reason);
    expect(wire.signals[0]?.reason).toBe(reason);
    expect(clock.pending).toBe(0);
  });

  it('attempts in flight with one deadline share one timer, and each still times out exactly when due', async () => {
    const clock = new FakeClock();
    const hung = new Set([1, 2]);
    let n = 0;
    const signals: AbortSignal[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      const request = new Request(input, init);
      signals.push(request.signal);
      if (!hung.has(n++))
        return Promise.resolve(new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));
      return new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true }),
      );
    };
    const client = clientWith(clock, fetch);
    const started = clock.now();
    const outcomes = [0, 1, 2].map((i) =>
      client.request({ operation: 'a', method: 'GET', path: `x${i}` }).then(
        () => ({ ok: true, at: clock.now() - started }),
        (error: unknown) => ({ ok: false, timeout: isMarketbridgeError(error, 'timeout'), at: clock.now() - started }),
      ),
    );
    await clock.advance(0);
    // The first answered; the two hung ones share one timer.
    expect(clock.pending).toBe(1);
    await clock.advance(999);
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false, false]);
    await clock.advance(1);
    expect(await Promise.all(outcomes)).toEqual([
      { ok: true, at: 0 },
      { ok: false, timeout: true, at: 1000 },
      { ok: false, timeout: true, at: 1000 },
    ]);
    expect(clock.pending).toBe(0);
    // Later attempts start a timer of their own, due exactly timeoutMs after they start.
    hung.clear();
    await client.request({ operation: 'a', method: 'GET', path: 'later' });
    expect(clock.pending).toBe(0);
  });

  it('attempts that start at different instants keep timers of their own', async () => {
    const clock = new FakeClock();
    const wire = recordingFetch(() => true);
    const client = clientWith(clock, wire.fetch);
    const failed: number[] = [];
    const started = clock.now();
    const first = client
      .request({ operation: 'a', method: 'GET', path: 'x' })
      .catch(() => failed.push(clock.now() - started));
    await clock.advance(400);
    const second = client
      .request({ operation: 'a', method: 'GET', path: 'y' })
      .catch(() => failed.push(clock.now() - started));
    await clock.advance(0);
    expect(clock.pending).toBe(2);
    await clock.advance(600);
    await first;
    expect(failed).toEqual([1000]);
    await clock.advance(400);
    await second;
    expect(failed).toEqual([1000, 1400]);
  });
});
