import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../src/index.js';

describe('EventBus', () => {
  const payload = { platform: 'p', operation: 'o', waitMs: 5, source: 'limiter' as const };

  it('delivers typed payloads and returns a disposer', () => {
    const events = new EventBus();
    const listener = vi.fn();
    const dispose = events.on('throttled', listener);
    events.emit('throttled', payload);
    dispose();
    events.emit('throttled', payload);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(payload);
    expect(events.listenerCount('throttled')).toBe(0);
  });

  it('once listeners run once; a throwing listener does not break others', () => {
    const errors: unknown[] = [];
    const events = new EventBus({ onListenerError: (error) => errors.push(error) });
    const once = vi.fn();
    const after = vi.fn();
    events.once('throttled', once);
    events.on('throttled', () => {
      throw new Error('listener bug');
    });
    events.on('throttled', after);
    events.emit('throttled', payload);
    events.emit('throttled', payload);
    expect(once).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledTimes(2);
    expect(errors).toHaveLength(2);
  });
});
