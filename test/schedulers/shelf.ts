/**
 * A marketplace whose stock lives in a Store shared by every process, with compare-and-set
 * versions: each successful write bumps the version by one, so a SKU's version is the number
 * of times it was written, whoever wrote it and however often a job was delivered.
 */
import { BaseMarketplaceAPI } from '../../src/core/base-marketplace-api.js';
import { toBatchResult, type BatchResult } from '../../src/core/batch.js';
import type { CapabilityDeclaration } from '../../src/core/capabilities.js';
import { ConflictError } from '../../src/core/errors/conflict-error.js';
import type { InventoryQuery } from '../../src/core/queries.js';
import type { InventoryLevel, InventorySet } from '../../src/model/inventory.js';
import type { Store } from '../../src/stores/store.js';

interface Shelved {
  available: number;
  version: number;
}

export class SharedShelf extends BaseMarketplaceAPI {
  readonly platform = 'shelf';
  readonly #store: Store;

  constructor(store: Store) {
    super({ store });
    this.#store = store;
  }

  protected override declareCapabilities(): CapabilityDeclaration {
    return { inventoryCompareAndSet: true, maxBatchSize: { setInventory: 25 } };
  }

  static key(sku: string): string {
    return `shelf:${sku}`;
  }

  async read(sku: string): Promise<Shelved> {
    return (await this.#store.get<Shelved>(SharedShelf.key(sku))) ?? { available: 0, version: 0 };
  }

  override async getInventory(query: InventoryQuery): Promise<InventoryLevel[]> {
    return Promise.all(
      query.skus.map(async (sku) => {
        const { available, version } = await this.read(sku);
        return {
          sku,
          locationId: 'default',
          available,
          reserved: 0,
          onHand: available,
          updatedAt: new Date(0).toISOString(),
          version,
        };
      }),
    );
  }

  override async setInventory(updates: readonly InventorySet[]): Promise<BatchResult<InventorySet, InventoryLevel>> {
    const items = await Promise.all(
      updates.map(async (input, index) => {
        const stored = await this.#store.get<Shelved>(SharedShelf.key(input.sku));
        const current = stored ?? { available: 0, version: 0 };
        const stale =
          (input.expectedVersion !== undefined && input.expectedVersion !== current.version) ||
          (input.expectedAvailable !== undefined && input.expectedAvailable !== current.available);
        const next = { available: input.quantity, version: current.version + 1 };
        if (stale || !(await this.#store.compareAndSet(SharedShelf.key(input.sku), stored ?? undefined, next))) {
          return {
            index,
            input,
            ok: false as const,
            error: new ConflictError(`stale version for ${input.sku}`, {
              platform: this.platform,
              operation: 'setInventory',
            }),
          };
        }
        const level: InventoryLevel = {
          sku: input.sku,
          locationId: 'default',
          available: next.available,
          reserved: 0,
          onHand: next.available,
          updatedAt: new Date(0).toISOString(),
          version: next.version,
        };
        return { index, input, ok: true as const, value: level };
      }),
    );
    return toBatchResult(items);
  }
}
