/**
 * One of several processes sharing one bucket: take a token, then call the rate-limited
 * server; until the window closes. Its clock is skewed on purpose: the native take uses the
 * store server's time, so the skew must not matter.
 * argv: kind scope key capacity refillPerSecond url windowMs skewMs; stdin: the start time.
 */
import { systemClock, type Clock } from '../../../src/core/clock.js';
import { takeFromBucket } from '../../../src/stores/bucket.js';
import { openStore, ready, say } from './open-store.js';

const [kind, scope, key, capacity, rate, url, windowMs, skewMs] = process.argv.slice(2) as string[];
const { store, close } = openStore(kind!, scope!);
const skewed: Clock = { now: () => Date.now() + Number(skewMs), sleep: systemClock.sleep };
const take = { key: key!, capacity: Number(capacity), refillPerSecond: Number(rate), cost: 1 };
// Connect and warm up before the window opens, so that start-up time does not eat into it.
await store.get('warm-up');
await (await fetch(`${url}warm-up`)).arrayBuffer();
const startAt = Number(await ready());
const end = startAt + Number(windowMs);

let ok = 0;
let throttled = 0;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));
// After the window closes, tokens already in the bucket are still spent (a stall just before
// the end would otherwise leave budget unused); the first refusal after it ends the run.
for (;;) {
  const result = await takeFromBucket(store, take, skewed);
  if (!result.granted) {
    if (Date.now() >= end) break;
    await systemClock.sleep(Math.min(result.retryAfterMs, Math.max(1, end - Date.now())));
    continue;
  }
  const response = await fetch(url!);
  await response.arrayBuffer();
  if (response.status === 429) throttled++;
  else ok++;
}
say({ event: 'done', ok, throttled });
await close();
