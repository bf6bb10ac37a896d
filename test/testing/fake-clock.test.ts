import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../src/testing/fake-clock.js';

/** Work that is busy on promises (longer chains than one flush) and sleeps on the clock in between. */
async function chains(clock: FakeClock, rounds: number): Promise<number> {
  let total = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < 50; i++) total += await Promise.resolve(1);
    await clock.sleep(10);
  }
  return total;
}

describe('FakeClock.drive', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs work to completion, advancing time only as far as the work sleeps', async () => {
    const clock = new FakeClock(0);
    await expect(clock.drive(() => chains(clock, 20))).resolves.toBe(1_000);
    expect(clock.now()).toBe(200);
  });

  it('lets the event loop turn without waiting on a timer while the work is busy on promises', async () => {
    // A timer wait is at least 1 ms and far more on a loaded machine: driving a long sync
    // through timers made it wait several times as long as it computed.
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const clock = new FakeClock(0);
    await clock.drive(() => chains(clock, 20));
    expect(timers).not.toHaveBeenCalled();
  });

  it('still completes work that waits on a real timer', async () => {
    const clock = new FakeClock(0);
    const work = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await clock.sleep(5);
      return 'done';
    };
    await expect(clock.drive(work)).resolves.toBe('done');
    expect(clock.now()).toBe(5);
  });
});
