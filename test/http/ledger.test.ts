import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/core/context.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { createHttpClient, OperationLedger, type ReadBackResult } from '../../src/http/index.js';
import { MemoryStore } from '../../src/stores/memory-store.js';
import { FakeClock } from '../../src/testing/fake-clock.js';
import { createPipelineSimulator } from '../../src/testing/pipeline/index.js';
import { drive } from './helpers.js';

/** A platform whose writes may be applied even when the answer is lost. */
function platform(faults: ('timeout' | 'reset' | 'server-error')[]) {
  const clock = new FakeClock();
  const applied: string[] = [];
  const sim = createPipelineSimulator({
    clock,
    faults: faults.map((kind, i) => ({ kind, at: [i] })),
    respond: ({ body }) => {
      applied.push((body as { id: string }).id);
      return { ok: true };
    },
  });
  // A lost answer after the write happened: apply it, then drop the connection.
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const index = sim.stats().received;
    if (faults[index] === 'reset') {
      applied.push(((await request.clone().json()) as { id: string }).id);
    }
    return sim.fetch(request);
  };
  const context = createContext({ clock, fetch, store: new MemoryStore({ clock }) });
  const client = createHttpClient({
    platform: 'p',
    baseUrl: 'https://p.test',
    context,
    breaker: false,
    timeoutMs: 1000,
  });
  const ledger = new OperationLedger({ store: context.store, clock });
  const write = (id: string) => ({
    key: `ship:${id}`,
    operation: 'confirmShipment',
    send: async () =>
      (
        await client.request<{ ok: boolean }>({
          operation: 'confirmShipment',
          method: 'POST',
          path: '/ship',
          json: { id },
        })
      ).data,
    readBack: async (): Promise<ReadBackResult<{ ok: boolean }>> =>
      applied.includes(id) ? { status: 'applied', result: { ok: true } } : { status: 'not_applied' },
  });
  return { clock, sim, ledger, write, applied };
}

describe('operation ledger', () => {
  it('a reset after the write was applied is resolved by read-back, not a second send', async () => {
    const { clock, sim, ledger, write, applied } = platform(['reset']);
    expect(await drive(clock, () => ledger.execute(write('o-1')))).toEqual({ ok: true });
    expect(sim.stats().received).toBe(1);
    expect(applied).toEqual(['o-1']);
    expect((await ledger.get('ship:o-1'))?.status).toBe('done');
  });

  it('a timeout whose write did not happen is re-sent once the read-back confirms it', async () => {
    const { clock, sim, ledger, write, applied } = platform(['timeout']);
    expect(await drive(clock, () => ledger.execute(write('o-2')))).toEqual({ ok: true });
    expect(sim.stats().received).toBe(2);
    expect(applied).toEqual(['o-2']);
  });

  it('a finished intent is never sent again; an unknown read-back leaves it pending', async () => {
    const { clock, sim, ledger, write } = platform([]);
    await drive(clock, () => ledger.execute(write('o-3')));
    await drive(clock, () => ledger.execute(write('o-3')));
    expect(sim.stats().received).toBe(1);

    const unknown = platform(['server-error']);
    const w = { ...unknown.write('o-4'), readBack: async () => ({ status: 'unknown' as const }) };
    await expect(drive(unknown.clock, () => unknown.ledger.execute(w))).rejects.toMatchObject({
      code: 'marketplace_api_error',
    });
    expect((await unknown.ledger.get('ship:o-4'))?.status).toBe('pending');
    // The next attempt reads back first instead of sending blindly.
    await expect(drive(unknown.clock, () => unknown.ledger.execute(w))).rejects.toMatchObject({ code: 'conflict' });
    expect(unknown.sim.stats().received).toBe(1);
  });

  it('a definite failure is recorded as failed and may be tried again', async () => {
    const clock = new FakeClock();
    const ledger = new OperationLedger({ store: new MemoryStore({ clock }), clock });
    let sends = 0;
    const write = {
      key: 'k',
      operation: 'op',
      send: async () => {
        sends++;
        if (sends === 1) throw new ValidationError('input', [{ path: ['x'], message: 'bad' }]);
        return 42;
      },
      readBack: async () => ({ status: 'not_applied' as const }),
    };
    await expect(ledger.execute(write)).rejects.toBeInstanceOf(ValidationError);
    expect((await ledger.get('k'))?.status).toBe('failed');
    expect(await ledger.execute(write)).toBe(42);
  });
});
