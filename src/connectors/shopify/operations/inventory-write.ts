import type { ItemOutcome } from '../../../core/batch.js';
import { ConflictError } from '../../../core/errors/conflict-error.js';
import { isMarketbridgeError, type MarketbridgeError } from '../../../core/errors/marketbridge-error.js';
import { MarketplaceApiError } from '../../../core/errors/marketplace-api-error.js';
import { NotFoundError } from '../../../core/errors/not-found-error.js';
import type { InventoryAdjustment, InventoryLevel, InventorySet } from '../../../model/inventory.js';
import { INVENTORY_SET_MAX_QUANTITIES } from '../documents.js';
import { derivedKey, setCallKey, type SetKeyPart } from '../idempotency.js';
import { fromGid, toGid } from '../gid.js';
import { quantityOf } from '../mapper.js';
import type { ShopifyRuntime } from '../runtime.js';
import { userErrorIndex, userErrorToError } from '../user-errors.js';
import { chunk, mapConcurrent } from '../batching.js';
import type { ShopifyInventoryLevelNode, ShopifyUserError } from '../types.js';
import { readAtLocation, readPageSize, type SkuAtLocation } from './inventory-read.js';
import { sendInventoryMutation } from './inventory-mutation.js';

/** Rounds of re-read and re-send for absolute sets that met a concurrent change. */
const STALE_ROUNDS = 4;

/**
 * One item of a batch with its position in the caller's input.
 */
export interface Indexed<I> {
  index: number;
  input: I;
}

/** What the store remembers of an applied keyed adjustment: what it asked for, and the level it left. */
interface AdjustRecord {
  sku: string;
  locationId: string;
  delta: number;
  level: InventoryLevel;
}

/** Whether a remembered adjustment is the one asked for again (records written before deltas were kept name the level only). */
function sameAdjustment(
  recorded: AdjustRecord | InventoryLevel,
  input: InventoryAdjustment,
  locationId: string,
): boolean {
  if (recorded.sku !== input.sku || recorded.locationId !== fromGid(locationId)) return false;
  return !('level' in recorded) || recorded.delta === input.delta;
}

function levelAfter(
  sku: string,
  locationId: string,
  level: ShopifyInventoryLevelNode,
  available: number,
  now: string,
): InventoryLevel {
  const reserved = Math.max(0, quantityOf(level, 'on_hand') - Math.max(0, quantityOf(level, 'available')));
  const sellable = Math.max(0, available);
  return {
    sku,
    locationId: fromGid(locationId),
    available: sellable,
    reserved,
    onHand: sellable + reserved,
    updatedAt: now,
    version: sellable,
  };
}

function asError(error: unknown): MarketbridgeError {
  return isMarketbridgeError(error)
    ? error
    : new MarketplaceApiError(String(error), { platform: 'shopify', cause: error });
}

/**
 * Groups items by the location GID they write to (the default location when none is named).
 *
 * @example
 * ```ts
 * const groups = await byLocation(runtime, updates);
 * ```
 */
export async function byLocation<I extends { locationId?: string | undefined }>(
  runtime: ShopifyRuntime,
  items: readonly I[],
  signal?: AbortSignal,
): Promise<Map<string, Indexed<I>[]>> {
  const groups = new Map<string, Indexed<I>[]>();
  const fallback = items.some((item) => !item.locationId) ? await runtime.defaultLocation(signal) : '';
  items.forEach((input, index) => {
    const location = input.locationId ? toGid('Location', input.locationId) : fallback;
    const group = groups.get(location);
    if (group) group.push({ index, input });
    else groups.set(location, [{ index, input }]);
  });
  return groups;
}

/**
 * Items per inventory write call, and the connector's declared `maxBatchSize` for
 * `setInventory`/`adjustInventory`: the mutation's maximum, capped so that the read before the
 * write is one page within the single-query cost limit (one read and one write per chunk).
 *
 * @example
 * ```ts
 * inventoryWriteChunkSize(); // 199
 * ```
 */
export function inventoryWriteChunkSize(): number {
  return Math.min(INVENTORY_SET_MAX_QUANTITIES, readPageSize());
}

function missing(
  sku: string,
  found: SkuAtLocation | undefined,
  locationId: string,
  operation: string,
): MarketbridgeError | undefined {
  if (!found) return new NotFoundError(`No Shopify variant with SKU ${sku}.`, { platform: 'shopify', operation });
  if (!found.level)
    return new NotFoundError(`SKU ${sku} is not stocked at location ${fromGid(locationId)}; activate it there first.`, {
      platform: 'shopify',
      operation,
    });
  return undefined;
}

/**
 * Absolute sets at one location, a read page at a time: read the current quantities, send
 * one `inventorySetQuantities` (compare-and-set on every quantity), and sort the answer per
 * item. The mutation is all-or-nothing, so items without an error are sent again. A stale
 * compare value is a `ConflictError` when the caller gave `expectedAvailable`/`expectedVersion`;
 * otherwise the item is re-read and set again, never forced. On versions with `@idempotent`,
 * a call whose items all carry `idempotencyKey` gets a key derived from them, so the same chunk
 * sent again (after a lost answer) returns the first call's outcome instead of writing again; a
 * key whose attempt failed on Shopify's side is replaced by the next derived key (see
 * `sendInventoryMutation`). The documents follow the API version Shopify serves (known from the read's answer).
 *
 * @example
 * ```ts
 * const outcomes = await setAtLocation(runtime, 'gid://shopify/Location/1', items);
 * ```
 */
export async function setAtLocation(
  runtime: ShopifyRuntime,
  locationId: string,
  items: Indexed<InventorySet>[],
  signal?: AbortSignal,
): Promise<ItemOutcome<InventorySet, InventoryLevel>[]> {
  const outcomes: ItemOutcome<InventorySet, InventoryLevel>[] = [];
  // One chunk is one Shopify call (the declared maxBatchSize), so a canonical chunk re-sent with
  // the same idempotency keys is the same call.
  await mapConcurrent(chunk(items, inventoryWriteChunkSize()), runtime.config.concurrency, async (part) => {
    try {
      const found = await readAtLocation(
        runtime,
        part.map((item) => item.input.sku),
        locationId,
        'setInventory',
        signal,
      );
      let pending = part;
      for (let round = 0; round < STALE_ROUNDS && pending.length > 0; round++) {
        const sendable: { item: Indexed<InventorySet>; found: SkuAtLocation & { level: ShopifyInventoryLevelNode } }[] =
          [];
        for (const item of pending) {
          const entry = found.get(item.input.sku);
          const problem = missing(item.input.sku, entry, locationId, 'setInventory');
          if (problem) outcomes.push({ ...item, ok: false, error: problem });
          else sendable.push({ item, found: entry as SkuAtLocation & { level: ShopifyInventoryLevelNode } });
        }
        if (sendable.length === 0) return;
        // Chosen after the read: its answer says which version Shopify serves.
        const features = runtime.features();
        const keyParts: SetKeyPart[] = [];
        const quantities = sendable.map(({ item, found: entry }) => {
          const given = item.input.expectedAvailable ?? item.input.expectedVersion;
          const compare = given ?? quantityOf(entry.level, 'available');
          keyParts.push({
            idempotencyKey: item.input.idempotencyKey,
            readCompare: given === undefined ? compare : null,
          });
          return {
            inventoryItemId: entry.inventoryItemId,
            locationId,
            quantity: item.input.quantity,
            ...(features.changeFromQuantity ? { changeFromQuantity: compare } : { compareQuantity: compare }),
          };
        });
        const input = {
          name: 'available',
          reason: runtime.config.inventoryReason,
          quantities,
          ...(runtime.config.referenceDocumentUri ? { referenceDocumentUri: runtime.config.referenceDocumentUri } : {}),
        };
        const { payload } = await sendInventoryMutation(runtime, {
          field: 'inventorySetQuantities',
          operation: 'setInventory',
          input,
          ...(features.idempotentDirective
            ? { keyFor: (generation: number) => setCallKey(locationId, round, keyParts, generation) }
            : {}),
          retrySafe: true,
          ...(signal ? { signal } : {}),
        });
        const errors = payload.userErrors;
        const now = new Date(runtime.context.clock.now()).toISOString();
        if (errors.length === 0) {
          for (const { item, found: entry } of sendable)
            outcomes.push({
              ...item,
              ok: true,
              value: levelAfter(item.input.sku, locationId, entry.level, item.input.quantity, now),
            });
          return;
        }
        const byIndex = new Map<number, ShopifyUserError>();
        for (const error of errors) {
          const at = userErrorIndex(error, 'quantities');
          if (at === undefined)
            throw new MarketplaceApiError(`Shopify refused setInventory: ${error.message}`, {
              platform: 'shopify',
              operation: 'setInventory',
              body: error,
            });
          byIndex.set(at, error);
        }
        const again: Indexed<InventorySet>[] = [];
        const reread: string[] = [];
        sendable.forEach(({ item }, position) => {
          const error = byIndex.get(position);
          const expected = item.input.expectedAvailable !== undefined || item.input.expectedVersion !== undefined;
          if (!error) again.push(item);
          else if (error.code?.endsWith('_STALE') && !expected) {
            again.push(item);
            reread.push(item.input.sku);
          } else outcomes.push({ ...item, ok: false, error: userErrorToError(error, 'setInventory') });
        });
        if (reread.length > 0)
          for (const [sku, entry] of await readAtLocation(runtime, reread, locationId, 'setInventory', signal))
            found.set(sku, entry);
        pending = again;
      }
      for (const item of pending) {
        outcomes.push({
          ...item,
          ok: false,
          error: new ConflictError(
            `Stock of ${item.input.sku} kept changing during ${STALE_ROUNDS} attempts; try again later.`,
            { platform: 'shopify', operation: 'setInventory' },
          ),
        });
      }
    } catch (error) {
      const done = new Set(outcomes.map((outcome) => outcome.index));
      for (const item of part) if (!done.has(item.index)) outcomes.push({ ...item, ok: false, error: asError(error) });
    }
  });
  return outcomes;
}

async function chunkKey(
  items: Indexed<InventoryAdjustment>[],
  locationId: string,
  generation: number,
): Promise<string> {
  if (items.some((item) => !item.input.idempotencyKey)) return globalThis.crypto.randomUUID();
  // Keyed items make a deterministic key (in any order), so a replay of the same batch applies once
  // on Shopify; a fresh generation after a failed attempt is derived too, so replays walk the same keys.
  const parts = items.map((item) => [item.input.idempotencyKey!, item.input.sku, item.input.delta] as const);
  const material: unknown[] = [
    'mb:inventoryAdjustQuantities:1',
    locationId,
    parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  ];
  return derivedKey(generation > 0 ? [...material, generation] : material);
}

/**
 * Deltas at one location with `inventoryAdjustQuantities`, one call per read page, carrying
 * an `@idempotent` key and `changeFromQuantity: null` on every change on versions that have them
 * (2026-01+; both required from 2026-04). Items whose `idempotencyKey` was applied before
 * (recorded in the store) are answered from the record, never sent twice.
 *
 * @example
 * ```ts
 * const outcomes = await adjustAtLocation(runtime, 'gid://shopify/Location/1', items);
 * ```
 */
export async function adjustAtLocation(
  runtime: ShopifyRuntime,
  locationId: string,
  items: Indexed<InventoryAdjustment>[],
  signal?: AbortSignal,
): Promise<ItemOutcome<InventoryAdjustment, InventoryLevel>[]> {
  const { store, tenantId } = runtime.context;
  const ledgerKey = (key: string) => `mb:shopify:adjust:${tenantId}:${runtime.config.shop}:${key}`;
  const outcomes: ItemOutcome<InventoryAdjustment, InventoryLevel>[] = [];
  const fresh: Indexed<InventoryAdjustment>[] = [];
  for (const item of items) {
    const key = item.input.idempotencyKey;
    const recorded = key ? await store.get<AdjustRecord | InventoryLevel>(ledgerKey(key)) : undefined;
    if (!recorded) fresh.push(item);
    else if (sameAdjustment(recorded, item.input, locationId))
      outcomes.push({ ...item, ok: true, value: 'level' in recorded ? recorded.level : recorded });
    else {
      // The key names another write: answering with its level would drop this one silently.
      outcomes.push({
        ...item,
        ok: false,
        error: new ConflictError(
          `Idempotency key ${key} was already used for a different adjustment on ${runtime.config.shop}; nothing was written. Give each write its own key.`,
          { platform: 'shopify', operation: 'adjustInventory' },
        ),
      });
    }
  }
  await mapConcurrent(chunk(fresh, inventoryWriteChunkSize()), runtime.config.concurrency, async (part) => {
    try {
      const found = await readAtLocation(
        runtime,
        part.map((item) => item.input.sku),
        locationId,
        'adjustInventory',
        signal,
      );
      const sendable = part.filter((item) => {
        const problem = missing(item.input.sku, found.get(item.input.sku), locationId, 'adjustInventory');
        if (problem) outcomes.push({ ...item, ok: false, error: problem });
        return !problem;
      });
      if (sendable.length === 0) return;
      // Chosen after the read: its answer says which version Shopify serves.
      const features = runtime.features();
      // A delta applies whatever the level is now (that is what makes it a delta), so the compare
      // check is skipped explicitly: from 2026-04 every change must carry changeFromQuantity, null
      // allowed; from 2026-01 the field exists; before, it does not.
      const changes = sendable.map((item) => ({
        inventoryItemId: found.get(item.input.sku)!.inventoryItemId,
        locationId,
        delta: item.input.delta,
        ...(features.changeFromQuantity ? { changeFromQuantity: null } : {}),
      }));
      const input = {
        name: 'available',
        reason: runtime.config.inventoryReason,
        changes,
        ...(runtime.config.referenceDocumentUri ? { referenceDocumentUri: runtime.config.referenceDocumentUri } : {}),
      };
      const { payload } = await sendInventoryMutation(runtime, {
        field: 'inventoryAdjustQuantities',
        operation: 'adjustInventory',
        input,
        ...(features.idempotentDirective
          ? { keyFor: (generation: number) => chunkKey(sendable, locationId, generation) }
          : {}),
        retrySafe: features.idempotentDirective,
        ...(signal ? { signal } : {}),
      });
      const errors = payload.userErrors;
      const byIndex = new Map(errors.map((error) => [userErrorIndex(error, 'changes') ?? -1, error] as const));
      const now = new Date(runtime.context.clock.now()).toISOString();
      for (const [position, item] of sendable.entries()) {
        const error = byIndex.get(position) ?? byIndex.get(-1);
        if (error) {
          outcomes.push({ ...item, ok: false, error: userErrorToError(error, 'adjustInventory') });
        } else if (errors.length > 0) {
          // All-or-nothing: this item was valid but not applied because another one failed.
          outcomes.push({
            ...item,
            ok: false,
            error: new ConflictError(
              `Not applied: another change in the same Shopify call was refused (${errors[0]!.message}). Send it again.`,
              { platform: 'shopify', operation: 'adjustInventory', retryable: true },
            ),
          });
        } else {
          const level = found.get(item.input.sku)!.level!;
          const value = levelAfter(
            item.input.sku,
            locationId,
            level,
            quantityOf(level, 'available') + item.input.delta,
            now,
          );
          if (item.input.idempotencyKey) {
            const record: AdjustRecord = {
              sku: item.input.sku,
              locationId: fromGid(locationId),
              delta: item.input.delta,
              level: value,
            };
            await store.set(ledgerKey(item.input.idempotencyKey), record, { ttlMs: 30 * 24 * 3600 * 1000 });
          }
          outcomes.push({ ...item, ok: true, value });
        }
      }
    } catch (error) {
      const done = new Set(outcomes.map((outcome) => outcome.index));
      for (const item of part) if (!done.has(item.index)) outcomes.push({ ...item, ok: false, error: asError(error) });
    }
  });
  return outcomes;
}
