import { bulkResolvers } from './bulk.js';
import type { SimResolver } from './resolver.js';
import { page } from './paging.js';
import { gid, gidNumber, nextId } from './state.js';

/**
 * Resolvers of the shop, bulk operations (see `bulkResolvers`) and webhook subscriptions.
 *
 * @example
 * ```ts
 * adminResolvers.MbShop!(ctx);
 * ```
 */
export function adminResolvers(shop: string, pollsToComplete: number): Record<string, SimResolver> {
  return {
    ...bulkResolvers(pollsToComplete),
    MbShop: ({ state }) => ({
      data: {
        shop: {
          name: 'Simulated shop',
          currencyCode: state.currency,
          myshopifyDomain: shop,
          plan: { partnerDevelopment: false, shopifyPlus: false },
        },
      },
    }),
    MbWebhookCreate: ({ state, variables, now }) => {
      const topic = String(variables.topic ?? '');
      const input = (variables.webhookSubscription ?? {}) as { uri?: string; callbackUrl?: string; format?: string };
      const uri = input.uri ?? input.callbackUrl ?? '';
      if (!/^(https:\/\/|pubsub:\/\/|arn:aws:events:)/.test(uri)) {
        return {
          data: {
            webhookSubscriptionCreate: {
              webhookSubscription: null,
              userErrors: [{ field: ['webhookSubscription', 'uri'], message: 'Address is invalid' }],
            },
          },
        };
      }
      if ([...state.webhooks.values()].some((hook) => hook.topic === topic && hook.uri === uri)) {
        return {
          data: {
            webhookSubscriptionCreate: {
              webhookSubscription: null,
              userErrors: [
                {
                  field: ['webhookSubscription', 'callbackUrl'],
                  message: 'Address for this topic has already been taken',
                },
              ],
            },
          },
        };
      }
      const hook = { id: nextId(state), topic, uri, format: input.format ?? 'JSON', createdAt: now };
      state.webhooks.set(hook.id, hook);
      return {
        data: {
          webhookSubscriptionCreate: {
            webhookSubscription: { ...hook, id: gid('WebhookSubscription', hook.id) },
            userErrors: [],
          },
        },
      };
    },
    MbWebhooks: ({ state, variables }) => {
      const { connection, returned } = page([...state.webhooks.values()], variables.first, variables.after, (hook) => ({
        ...hook,
        id: gid('WebhookSubscription', hook.id),
      }));
      return { data: { webhookSubscriptions: connection }, returned };
    },
    MbWebhookDelete: ({ state, variables }) => {
      const id = gidNumber(variables.id);
      if (!state.webhooks.delete(id)) {
        return {
          data: {
            webhookSubscriptionDelete: {
              deletedWebhookSubscriptionId: null,
              userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }],
            },
          },
        };
      }
      return { data: { webhookSubscriptionDelete: { deletedWebhookSubscriptionId: variables.id, userErrors: [] } } };
    },
  };
}
