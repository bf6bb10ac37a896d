/**
 * A resumable job under a lease: take the lock (reporting if it is busy at first), resume
 * from the checkpoint, do one item at a time (record it, checkpoint, extend the lease).
 * argv: kind scope items itemMs ttlMs; starts when the parent writes a line to stdin.
 */
import { openStore, ready, say } from './open-store.js';

const [kind, scope, items, itemMs, ttlMs] = process.argv.slice(2) as string[];
const { store, lock, close } = openStore(kind!, scope!);
const ttl = Number(ttlMs);
await store.get('warm-up');
await ready();

let handle = await lock.acquire('sync:job', ttl);
if (!handle) {
  say({ event: 'busy' });
  handle = await lock.acquire('sync:job', ttl, { waitMs: 20_000, retryDelayMs: 25 });
}
if (!handle) {
  say({ event: 'gave-up' });
  process.exit(3);
}
const checkpoint = (await store.get<{ next: number }>('checkpoint')) ?? { next: 0 };
say({ event: 'acquired', from: checkpoint.next, pid: process.pid });
for (let i = checkpoint.next; i < Number(items); i++) {
  await new Promise((resolve) => setTimeout(resolve, Number(itemMs)));
  await store.increment(`done:${i}`);
  await store.set('checkpoint', { next: i + 1 });
  handle = await lock.extend(handle, ttl);
  if (!handle) {
    say({ event: 'lost', at: i });
    process.exit(2);
  }
  say({ event: 'item', i });
}
await lock.release(handle);
say({ event: 'finished' });
await close();
