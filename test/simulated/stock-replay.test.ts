import { describe, expect, it } from 'vitest';
import { StockTable } from '../../src/simulated/stock.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-01T00:00:05.000Z';
const DAY = 86_400_000;

function table(): StockTable {
  const stock = new StockTable(['WH-1', 'WH-2'], 1);
  stock.add('A-1', 0, T0, [4, 9]);
  stock.add('B-2', 0, T0, [1, 2]);
  return stock;
}

describe('StockTable replay records', () => {
  it('recalls nothing before the first keyed write', () => {
    expect(table().recall('A-1', 'WH-1', 0, 0, 0, DAY)).toBeUndefined();
  });

  it('recalls an applied write with the level it left, even after later changes', () => {
    const stock = table();
    stock.change('A-1', 'WH-2', { available: 3, reserved: 2 }, T1);
    stock.remember('A-1', 'WH-2', 11, 22, 1_000, 'applied');
    stock.change('A-1', 'WH-2', { available: -5 }, T0);
    expect(stock.recall('A-1', 'WH-2', 11, 22, 2_000, DAY)).toEqual({
      kind: 'applied',
      level: { sku: 'A-1', locationId: 'WH-2', available: 12, reserved: 2, onHand: 14, updatedAt: T1, version: 2 },
    });
    expect(stock.recall('A-1', 'WH-1', 11, 22, 2_000, DAY)).toBeUndefined();
  });

  it('recalls a refusal with the version and units of its time', () => {
    const stock = table();
    stock.remember('B-2', 'WH-1', 5, 6, 0, 'refused');
    stock.change('B-2', 'WH-1', { available: 1 }, T1);
    expect(stock.recall('B-2', 'WH-1', 5, 6, 10, DAY)).toEqual({ kind: 'refused', version: 1, available: 1 });
  });

  it('answers other_body for the same key with another body, and forgets after the TTL or another key', () => {
    const stock = table();
    stock.remember('A-1', 'WH-1', 7, 8, 0, 'applied');
    expect(stock.recall('A-1', 'WH-1', 7, 9, 1, DAY)).toEqual({ kind: 'other_body' });
    expect(stock.recall('A-1', 'WH-1', 7, 8, DAY, DAY)).toBeUndefined();
    expect(stock.recall('A-1', 'WH-1', 70, 8, 1, DAY)).toBeUndefined();
    stock.remember('A-1', 'WH-1', 70, 8, 2, 'refused');
    expect(stock.recall('A-1', 'WH-1', 7, 8, 3, DAY)).toBeUndefined();
    expect(stock.recall('A-1', 'WH-1', 70, 8, 3, DAY)).toEqual({ kind: 'refused', version: 1, available: 4 });
  });

  it('keeps the records when the table grows', () => {
    const stock = table();
    stock.remember('B-2', 'WH-2', 1, 2, 0, 'applied');
    for (let i = 0; i < 100; i++) stock.add(`C-${i}`, 0, T0, [i, i]);
    expect(stock.recall('B-2', 'WH-2', 1, 2, 1, DAY)).toMatchObject({
      kind: 'applied',
      level: { available: 2, version: 1 },
    });
  });
});
