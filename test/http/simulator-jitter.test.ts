import { describe, expect, it } from 'vitest';
import { createPipelineSimulator } from '../../src/testing/pipeline/index.js';
import { FakeClock } from '../../src/testing/fake-clock.js';

async function answerTimes(seed: number) {
  const clock = new FakeClock();
  const sim = createPipelineSimulator({
    clock,
    latencyMs: 20,
    jitterMs: 30,
    seed,
    limit: { kind: 'token-bucket', ratePerSecond: 1, burst: 3 },
  });
  const started = clock.now();
  const times: number[] = [];
  const statuses: number[] = [];
  const sent = Array.from({ length: 5 }, () =>
    sim.fetch('https://sim.test/x').then((response) => {
      times.push(clock.now() - started);
      statuses.push(response.status);
    }),
  );
  await clock.advance(100);
  await Promise.all(sent);
  return { times, statuses };
}

describe('pipeline simulator latency with seeded jitter', () => {
  it('delays each answer by latencyMs plus a seeded share of jitterMs: equal seeds, equal delays', async () => {
    const one = await answerTimes(7);
    expect(one.times.every((t) => t >= 20 && t < 50)).toBe(true);
    expect(new Set(one.times).size).toBeGreaterThan(1);
    expect(await answerTimes(7)).toEqual(one);
    expect((await answerTimes(8)).times).not.toEqual(one.times);
  });

  it('counts a request against the limit when it arrives, after its delay', async () => {
    // Burst 3 of 5 sent at once: the three that arrive first pass, whatever order they were sent in.
    const { statuses } = await answerTimes(7);
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
