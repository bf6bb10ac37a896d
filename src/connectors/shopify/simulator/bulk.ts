import { productNode, variantNode } from './catalog.js';
import type { SimResolver } from './resolver.js';
import { gid, gidNumber, levelKey, nextId, type ShopifySimState, type SimBulkOperation } from './state.js';

/**
 * Where the simulator serves bulk operation results.
 *
 * @example
 * ```ts
 * `${SIM_BULK_BASE_URL}/1001.jsonl`;
 * ```
 *
 * @category Simulator
 */
export const SIM_BULK_BASE_URL = 'https://storage.shopify-simulator.test/bulk';

const since = (version: string, first: string) => version === 'unstable' || version >= first;

function quantities(available: number, committed: number): { name: string; quantity: number }[] {
  return [
    { name: 'available', quantity: available },
    { name: 'committed', quantity: committed },
    { name: 'on_hand', quantity: available + committed },
  ];
}

/**
 * The JSONL rows of a bulk query, grouped (children right after their parent, which carries
 * nothing of them): products with `__parentId` variants (and `variantsCount` when the query asks),
 * `locations` with their `inventoryLevels` (each with `item { id sku }`), or `productVariants`
 * with their inventory levels.
 */
function groupedLines(state: ShopifySimState, query: string): string[] {
  const lines: string[] = [];
  if (/^\s*\{\s*locations\b/.test(query)) {
    for (const location of [...state.locations.values()].sort((a, b) => a.id - b.id)) {
      const locationId = gid('Location', location.id);
      lines.push(JSON.stringify({ id: locationId }));
      for (const variant of [...state.variants.values()].sort((a, b) => a.id - b.id)) {
        const level = state.levels.get(levelKey(variant.inventoryItemId, location.id));
        if (!level) continue;
        const item = { id: gid('InventoryItem', variant.inventoryItemId), sku: variant.sku || null };
        lines.push(
          JSON.stringify({
            id: gid('InventoryLevel', variant.inventoryItemId * 1000 + location.id),
            updatedAt: level.updatedAt,
            quantities: quantities(level.available, level.committed),
            item,
            location: { id: locationId },
            __parentId: locationId,
          }),
        );
      }
    }
    return lines;
  }
  if (/^\s*\{\s*productVariants\b/.test(query)) {
    for (const variant of [...state.variants.values()].sort((a, b) => a.id - b.id)) {
      const variantId = gid('ProductVariant', variant.id);
      lines.push(
        JSON.stringify({
          id: variantId,
          sku: variant.sku,
          inventoryItem: { id: gid('InventoryItem', variant.inventoryItemId) },
        }),
      );
      for (const location of state.locations.values()) {
        const level = state.levels.get(levelKey(variant.inventoryItemId, location.id));
        if (!level) continue;
        const row = {
          id: gid('InventoryLevel', variant.inventoryItemId * 1000 + location.id),
          updatedAt: level.updatedAt,
          quantities: quantities(level.available, level.committed),
          location: { id: gid('Location', location.id) },
        };
        lines.push(JSON.stringify({ ...row, __parentId: variantId }));
      }
    }
    return lines;
  }
  const counted = /\bvariantsCount\b/.test(query);
  const positioned = /\bposition\b/.test(query);
  for (const product of [...state.products.values()].sort((a, b) => a.id - b.id)) {
    const { variants: _variants, ...node } = productNode(state, product);
    lines.push(
      JSON.stringify(
        counted ? { ...node, variantsCount: { count: product.variantIds.length, precision: 'EXACT' } } : node,
      ),
    );
    product.variantIds.forEach((id, index) => {
      const { product: _product, ...variant } = variantNode(state.variants.get(id)!);
      lines.push(JSON.stringify({ ...variant, ...(positioned ? { position: index + 1 } : {}), __parentId: node.id }));
    });
  }
  return lines;
}

/**
 * Rows in an order Shopify may produce without grouping: a fixed pseudo-random permutation
 * (seeded by the operation id, so a run is reproducible) in which children may come before their
 * parents and far from them.
 */
function ungrouped(lines: string[], seed: number): string[] {
  const out = [...lines];
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: deterministic, good enough to scatter rows.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function bulkNode(operation: SimBulkOperation): Record<string, unknown> {
  const done = operation.status === 'COMPLETED';
  return {
    id: gid('BulkOperation', operation.id),
    status: operation.status,
    errorCode: null,
    objectCount: String(done ? operation.lines.length : 0),
    url: done && operation.lines.length > 0 ? `${SIM_BULK_BASE_URL}/${operation.id}.jsonl` : null,
    partialDataUrl: null,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
  };
}

/** `groupObjects` as the request gives it (variable or literal), else the version's default. */
function groupObjects(query: string, variables: Record<string, unknown>, version: string): boolean {
  if (typeof variables.groupObjects === 'boolean') return variables.groupObjects;
  const literal = /\bgroupObjects\s*:\s*(true|false)\b/.exec(query)?.[1];
  if (literal) return literal === 'true';
  // The default changed to false in 2026-01 (changelog "Bulk operations group objects default changed to false").
  return !since(version, '2026-01');
}

/**
 * Resolvers of bulk query operations: `bulkOperationRunQuery` (one running query per shop and
 * app before 2026-01, `OPERATION_IN_PROGRESS` beyond; five from 2026-01, `LIMIT_REACHED` beyond;
 * rows grouped or not by `groupObjects` and its versioned default) and the operation polled by id,
 * completing after `pollsToComplete` polls.
 *
 * @example
 * ```ts
 * const resolvers = bulkResolvers(2);
 * ```
 *
 * @category Simulator
 */
export function bulkResolvers(pollsToComplete: number): Record<string, SimResolver> {
  return {
    MbBulkRunQuery: ({ state, variables, query: mutation, version, now }) => {
      const running = [...state.bulkOperations.values()].filter(
        (operation) => operation.status === 'CREATED' || operation.status === 'RUNNING',
      );
      const limit = since(version, '2026-01') ? 5 : 1;
      if (running.length >= limit) {
        const userError =
          limit === 1
            ? {
                field: null,
                message: `A bulk query operation for this app and shop is already in progress: ${gid('BulkOperation', running[0]!.id)}.`,
                code: 'OPERATION_IN_PROGRESS',
              }
            : {
                field: null,
                message: `Bulk operations limit reached: ${limit} bulk query operations are already running for this app and shop. Please try again later.`,
                code: 'LIMIT_REACHED',
              };
        return { data: { bulkOperationRunQuery: { bulkOperation: null, userErrors: [userError] } } };
      }
      const query = String(variables.query ?? '');
      const operation: SimBulkOperation = {
        id: nextId(state),
        query,
        status: 'CREATED',
        createdAt: now,
        completedAt: null,
        pollsLeft: pollsToComplete,
        lines: [],
        grouped: groupObjects(mutation, variables, version),
      };
      state.bulkOperations.set(operation.id, operation);
      return {
        data: {
          bulkOperationRunQuery: {
            bulkOperation: { id: gid('BulkOperation', operation.id), status: operation.status },
            userErrors: [],
          },
        },
      };
    },
    MbBulkOperation: ({ state, variables, now }) => {
      const operation = state.bulkOperations.get(gidNumber(variables.id));
      if (!operation) return { data: { node: null } };
      if (operation.status === 'CREATED' || operation.status === 'RUNNING') {
        operation.pollsLeft -= 1;
        operation.status = 'RUNNING';
        if (operation.pollsLeft <= 0) {
          const lines = groupedLines(state, operation.query);
          operation.lines = operation.grouped === false ? ungrouped(lines, operation.id) : lines;
          operation.status = 'COMPLETED';
          operation.completedAt = now;
        }
      }
      return { data: { node: bulkNode(operation) } };
    },
  };
}

/**
 * The JSONL body of a completed bulk operation, or undefined.
 *
 * @example
 * ```ts
 * bulkResult(state, 1001);
 * ```
 *
 * @category Simulator
 */
export function bulkResult(state: ShopifySimState, id: number): string | undefined {
  const operation = state.bulkOperations.get(id);
  if (operation?.status !== 'COMPLETED') return undefined;
  return operation.lines.map((line) => `${line}\n`).join('');
}
