import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkedWith, markChecked } from '../../src/core/checked-batch.js';
import { ValidationError } from '../../src/core/errors/validation-error.js';
import { isValidSku, SkuSchema } from '../../src/model/scalars.js';
import { InventoryAdjustmentSchema, InventorySetSchema } from '../../src/model/inventory.js';
import type { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';
import { adjustBatch, isCheckedAdjustment, isCheckedSet, setBatch } from '../../src/sync/inventory/write-batch.js';
import { world } from './world.js';

const runs = Number(process.env.MB_PROPERTY_RUNS ?? 300);
const anyText = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.string({ minLength: 95, maxLength: 105 }),
  fc.constantFrom('', ' A', 'A ', 'A\u0000B', 'A\tB', 'A B', '\u00a0A', 'é-1'),
);
const anyNumber = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 1, -0, Number.NaN, Number.POSITIVE_INFINITY, 1.5),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

describe("the engine's own checks of the writes it builds", () => {
  afterEach(() => vi.restoreAllMocks());

  it('isValidSku accepts exactly what SkuSchema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string(), fc.anything()), (value) => {
        expect(isValidSku(value)).toBe(SkuSchema.safeParse(value).success);
      }),
      { numRuns: runs * 3 },
    );
  });

  it('an absolute write passes isCheckedSet only if InventorySetSchema accepts it', () => {
    const item = fc.record(
      {
        sku: anyText,
        quantity: anyNumber,
        expectedVersion: maybe(anyNumber),
        expectedAvailable: maybe(anyNumber),
        idempotencyKey: maybe(fc.oneof(anyText, fc.string({ minLength: 199, maxLength: 202 }))),
        locationId: maybe(anyText),
      },
      { requiredKeys: ['sku', 'quantity'] },
    );
    fc.assert(
      fc.property(item, (write) => {
        // Never weaker than the schema; equal on everything the schema accepts.
        expect(isCheckedSet(write)).toBe(InventorySetSchema.safeParse(write).success);
      }),
      { numRuns: runs * 3 },
    );
  });

  it('an adjustment passes isCheckedAdjustment only if InventoryAdjustmentSchema accepts it', () => {
    const item = fc.record(
      { sku: anyText, delta: anyNumber, idempotencyKey: maybe(anyText), locationId: maybe(anyText) },
      { requiredKeys: ['sku', 'delta'] },
    );
    fc.assert(
      fc.property(item, (adjustment) => {
        expect(isCheckedAdjustment(adjustment)).toBe(InventoryAdjustmentSchema.safeParse(adjustment).success);
      }),
      { numRuns: runs * 3 },
    );
  });

  it("a sync's writes reach the connector validated once (by the engine), not again by the connector's schema", async () => {
    const w = world({ skus: 40, channels: 2 });
    const parse = vi.spyOn(InventorySetSchema, 'safeParse');
    const report = await w.engine().runSync();
    expect(report.status).toBe('completed');
    expect(Object.values(report.channels).reduce((sum, c) => sum + c.written, 0)).toBeGreaterThan(40);
    expect(parse).not.toHaveBeenCalled();
  });

  it('marks a batch only when every item passed, so one doubtful item leaves the whole batch to the schema', () => {
    const good = { sku: 'A-1', quantity: 3, expectedVersion: 2, idempotencyKey: 'k' };
    expect(checkedWith(setBatch([good, { ...good, sku: 'A-2' }]))).toBe(InventorySetSchema);
    expect(checkedWith(setBatch([good, { ...good, sku: 'BAD SKU ' }]))).toBeUndefined();
    expect(checkedWith(setBatch([good, { ...good, quantity: 2.5 }]))).toBeUndefined();
    expect(checkedWith(adjustBatch([{ sku: 'A-1', delta: -2, idempotencyKey: 'k' }]))).toBe(InventoryAdjustmentSchema);
    expect(checkedWith(adjustBatch([{ sku: 'A-1', delta: 0, idempotencyKey: 'k' }]))).toBeUndefined();
  });

  it('input from outside is validated, marked or not with another schema, and a copy of a marked batch loses the mark', async () => {
    const [channel] = world({ skus: 2, channels: 1 }).channels as [SimulatedMarketplace];
    const bad = [{ sku: ' padded', quantity: -1 }];
    await expect(channel.setInventory(bad)).rejects.toBeInstanceOf(ValidationError);
    await expect(channel.setInventory(markChecked([...bad], InventoryAdjustmentSchema))).rejects.toBeInstanceOf(
      ValidationError,
    );
    const marked = markChecked([{ sku: 'SKU-00001', quantity: 2 }], InventorySetSchema);
    const parse = vi.spyOn(InventorySetSchema, 'safeParse');
    await channel.setInventory([...marked]);
    expect(parse).toHaveBeenCalledTimes(1);
    await channel.setInventory(marked);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
