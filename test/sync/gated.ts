import { BaseMarketplaceAPI } from '../../src/core/base-marketplace-api.js';
import type { CapabilityDeclaration } from '../../src/core/capabilities.js';
import { isMarketbridgeError } from '../../src/core/errors/marketbridge-error.js';
import type { InventoryQuery, ListOrdersQuery } from '../../src/core/queries.js';
import type { OperationOptions } from '../../src/core/types.js';
import type { InventoryAdjustment, InventorySet } from '../../src/model/inventory.js';
import type { SimulatedMarketplace } from '../../src/simulated/simulated-marketplace.js';

/** Watches the engine's calls: a SKU whose compare-and-set went stale must be read before it is written again. */
export class StaleMonitor {
  readonly stale = new Set<string>();
  violations = 0;
  conflicts = 0;
  read(platform: string, skus: readonly string[]) {
    for (const sku of skus) this.stale.delete(`${platform}/${sku}`);
  }
  write(platform: string, skus: readonly string[]) {
    for (const sku of skus) if (this.stale.has(`${platform}/${sku}`)) this.violations++;
  }
  conflict(platform: string, sku: string) {
    this.conflicts++;
    this.stale.add(`${platform}/${sku}`);
  }
}

/** A connector written by a "user" over the simulator: every call first passes `gate` (e.g. fast-check's scheduler). */
export class GatedMarketplace extends BaseMarketplaceAPI {
  readonly platform: string;
  gate: () => Promise<unknown> = async () => {};
  constructor(
    readonly inner: SimulatedMarketplace,
    readonly monitor: StaleMonitor,
  ) {
    super(inner.context);
    this.platform = inner.platform;
  }
  protected override declareCapabilities(): CapabilityDeclaration {
    const c = this.inner.capabilities;
    return { maxBatchSize: { ...c.maxBatchSize }, inventoryCompareAndSet: true, idempotentAdjustments: true };
  }
  override async getInventory(query: InventoryQuery, options?: OperationOptions) {
    await this.gate();
    const levels = await this.inner.getInventory(query, options);
    this.monitor.read(this.platform, query.skus);
    return levels;
  }
  override async setInventory(updates: readonly InventorySet[], options?: OperationOptions) {
    await this.gate();
    this.monitor.write(
      this.platform,
      updates.map((u) => u.sku),
    );
    const result = await this.inner.setInventory(updates, options);
    for (const item of result.items)
      if (!item.ok && isMarketbridgeError(item.error, 'conflict')) this.monitor.conflict(this.platform, item.input.sku);
    return result;
  }
  override async adjustInventory(adjustments: readonly InventoryAdjustment[], options?: OperationOptions) {
    await this.gate();
    return this.inner.adjustInventory(adjustments, options);
  }
  override listOrders(query?: ListOrdersQuery, options?: OperationOptions) {
    return this.inner.listOrders(query, options);
  }
}
