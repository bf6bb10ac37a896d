import { lazySchema } from '../../../core/lazy-schema.js';
import { z } from 'zod';

const attribute = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.string(),
    name: z.string().optional(),
    value_id: z.string().nullish(),
    value_name: z.string().nullish(),
  }),
);
const amount = /* @__PURE__ */ lazySchema(() => z.union([z.number(), z.string()]));
const timestamp = /* @__PURE__ */ lazySchema(() =>
  z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'Expected a timestamp.'),
);

/**
 * What the connector requires of an untrusted item payload; anything else is kept as is.
 *
 * @example
 * ```ts
 * const parsed = MercadoLibreItemPayloadSchema.safeParse(body);
 * ```
 */
export const MercadoLibreItemPayloadSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.string().min(1),
    site_id: z.string().optional(),
    title: z.string().min(1),
    category_id: z.string().optional(),
    price: amount,
    currency_id: z.string().length(3),
    available_quantity: z.number().int().min(0),
    listing_type_id: z.string().optional(),
    condition: z.string().optional(),
    status: z.string(),
    buying_mode: z.string().optional(),
    seller_custom_field: z.string().nullish(),
    user_product_id: z.string().nullish(),
    last_updated: timestamp.optional(),
    pictures: z.array(z.looseObject({ url: z.string().optional(), secure_url: z.string().optional() })).optional(),
    attributes: z.array(attribute).optional(),
    variations: z
      .array(
        z.looseObject({
          id: z.number().int(),
          price: amount,
          available_quantity: z.number().int().min(0),
          attribute_combinations: z
            .array(
              z.looseObject({
                id: z.string().optional(),
                name: z.string().optional(),
                value_name: z.string().nullish(),
              }),
            )
            .default([]),
          attributes: z.array(attribute).optional(),
          seller_custom_field: z.string().nullish(),
          user_product_id: z.string().nullish(),
        }),
      )
      .optional(),
  }),
);

/**
 * What the connector requires of an untrusted order payload.
 *
 * @example
 * ```ts
 * const parsed = MercadoLibreOrderPayloadSchema.safeParse(body);
 * ```
 */
export const MercadoLibreOrderPayloadSchema = /* @__PURE__ */ lazySchema(() =>
  z.looseObject({
    id: z.union([z.number().int(), z.string().regex(/^\d+$/)]),
    status: z.string(),
    date_created: timestamp,
    last_updated: timestamp.optional(),
    date_closed: timestamp.nullish(),
    currency_id: z.string().length(3),
    total_amount: amount,
    order_items: z
      .array(
        z.looseObject({
          item: z.looseObject({
            id: z.string(),
            title: z.string().optional(),
            variation_id: z.number().int().nullish(),
            seller_sku: z.string().nullish(),
            seller_custom_field: z.string().nullish(),
          }),
          quantity: z.number().int().positive(),
          unit_price: amount,
          currency_id: z.string().length(3).optional(),
        }),
      )
      .min(1),
    buyer: z
      .looseObject({
        id: z.number().optional(),
        nickname: z.string().optional(),
        first_name: z.string().optional(),
        last_name: z.string().optional(),
      })
      .optional(),
    shipping: z.looseObject({ id: z.number().nullish() }).nullish(),
    shipping_cost: amount.nullish(),
    taxes: z.looseObject({ amount: amount.nullish() }).nullish(),
    tags: z.array(z.string()).optional(),
  }),
);
