import { productNode, variantNode } from './catalog.js';
import { page, type SimResolver } from './resolve-util.js';
import { gid, gidNumber, levelKey, nextId, type ShopifySimState, type SimBulkOperation } from './state.js';

/**
 * Where the simulator serves bulk operation results.
 *
 * @example
 * ```ts
 * `${SIM_BULK_BASE_URL}/1001.jsonl`;
 * ```
 */
export const SIM_BULK_BASE_URL = 'https://storage.shopify-simulator.test/bulk';

/** The JSONL a bulk query produces: nested connection nodes carry `__parentId`. */
function exportLines(state: ShopifySimState, query: string): string[] {
  const lines: string[] = [];
  if (/^\s*\{\s*productVariants\b/.test(query)) {
    for (const variant of [...state.variants.values()].sort((a, b) => a.id - b.id)) {
      const variantId = gid('ProductVariant', variant.id);
      lines.push(JSON.stringify({ id: variantId, sku: variant.sku, inventoryItem: { id: gid('InventoryItem', variant.inventoryItemId) } }));
      for (const location of state.locations.values()) {
        const level = state.levels.get(levelKey(variant.inventoryItemId, location.id));
        if (!level) continue;
        lines.push(
          JSON.stringify({
            id: gid('InventoryLevel', variant.inventoryItemId * 1000 + location.id),
            updatedAt: level.updatedAt,
            quantities: [
              { name: 'available', quantity: level.available },
              { name: 'committed', quantity: level.committed },
              { name: 'on_hand', quantity: level.available + level.committed },
            ],
            location: { id: gid('Location', location.id) },
            __parentId: variantId,
          }),
        );
      }
    }
    return lines;
  }
  for (const product of [...state.products.values()].sort((a, b) => a.id - b.id)) {
    const { variants: _variants, ...node } = productNode(state, product);
    lines.push(JSON.stringify(node));
    for (const id of product.variantIds) {
      const { product: _product, ...variant } = variantNode(state.variants.get(id)!);
      lines.push(JSON.stringify({ ...variant, __parentId: node.id }));
    }
  }
  return lines;
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

/**
 * Resolvers of the shop, bulk operations (one running query per shop; completes after a few
 * polls) and webhook subscriptions.
 *
 * @example
 * ```ts
 * adminResolvers.MbShop!(ctx);
 * ```
 */
export function adminResolvers(shop: string, pollsToComplete: number): Record<string, SimResolver> {
  return {
    MbShop: ({ state }) => ({
      data: { shop: { name: 'Simulated shop', currencyCode: state.currency, myshopifyDomain: shop, plan: { partnerDevelopment: false, shopifyPlus: false } } },
    }),
    MbBulkRunQuery: ({ state, variables, now }) => {
      const running = [...state.bulkOperations.values()].find((operation) => operation.status === 'CREATED' || operation.status === 'RUNNING');
      if (running) {
        return {
          data: {
            bulkOperationRunQuery: {
              bulkOperation: null,
              userErrors: [{ field: null, message: `A bulk query operation for this app and shop is already in progress: ${gid('BulkOperation', running.id)}.`, code: 'OPERATION_IN_PROGRESS' }],
            },
          },
        };
      }
      const query = String(variables.query ?? '');
      const operation: SimBulkOperation = { id: nextId(state), query, status: 'CREATED', createdAt: now, completedAt: null, pollsLeft: pollsToComplete, lines: [] };
      state.bulkOperations.set(operation.id, operation);
      return { data: { bulkOperationRunQuery: { bulkOperation: { id: gid('BulkOperation', operation.id), status: operation.status }, userErrors: [] } } };
    },
    MbBulkOperation: ({ state, variables, now }) => {
      const operation = state.bulkOperations.get(gidNumber(variables.id));
      if (!operation) return { data: { node: null } };
      if (operation.status === 'CREATED' || operation.status === 'RUNNING') {
        operation.pollsLeft -= 1;
        operation.status = 'RUNNING';
        if (operation.pollsLeft <= 0) {
          operation.lines = exportLines(state, operation.query);
          operation.status = 'COMPLETED';
          operation.completedAt = now;
        }
      }
      return { data: { node: bulkNode(operation) } };
    },
    MbWebhookCreate: ({ state, variables, now }) => {
      const topic = String(variables.topic ?? '');
      const input = (variables.webhookSubscription ?? {}) as { uri?: string; callbackUrl?: string; format?: string };
      const uri = input.uri ?? input.callbackUrl ?? '';
      if (!/^(https:\/\/|pubsub:\/\/|arn:aws:events:)/.test(uri)) {
        return { data: { webhookSubscriptionCreate: { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'uri'], message: 'Address is invalid' }] } } };
      }
      if ([...state.webhooks.values()].some((hook) => hook.topic === topic && hook.uri === uri)) {
        return { data: { webhookSubscriptionCreate: { webhookSubscription: null, userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }] } } };
      }
      const hook = { id: nextId(state), topic, uri, format: input.format ?? 'JSON', createdAt: now };
      state.webhooks.set(hook.id, hook);
      return { data: { webhookSubscriptionCreate: { webhookSubscription: { ...hook, id: gid('WebhookSubscription', hook.id) }, userErrors: [] } } };
    },
    MbWebhooks: ({ state, variables }) => {
      const { connection, returned } = page([...state.webhooks.values()], variables.first, variables.after, (hook) => ({ ...hook, id: gid('WebhookSubscription', hook.id) }));
      return { data: { webhookSubscriptions: connection }, returned };
    },
    MbWebhookDelete: ({ state, variables }) => {
      const id = gidNumber(variables.id);
      if (!state.webhooks.delete(id)) {
        return { data: { webhookSubscriptionDelete: { deletedWebhookSubscriptionId: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] } } };
      }
      return { data: { webhookSubscriptionDelete: { deletedWebhookSubscriptionId: variables.id, userErrors: [] } } };
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
 */
export function bulkResult(state: ShopifySimState, id: number): string | undefined {
  const operation = state.bulkOperations.get(id);
  if (!operation || operation.status !== 'COMPLETED') return undefined;
  return operation.lines.map((line) => `${line}\n`).join('');
}
