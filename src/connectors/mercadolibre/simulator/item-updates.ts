import type { MercadoLibreAttribute, MercadoLibreItem, MercadoLibreVariation } from '../types/index.js';
import { nextNumber, settleItem, validAmount, type SimRequest } from './context.js';
import { json, mlError, validationError } from './responses.js';

type Cause = { code: string; message: string; references: string[] };

function applyVariations(
  sim: SimRequest,
  item: MercadoLibreItem,
  input: Record<string, unknown>[],
  causes: Cause[],
): MercadoLibreVariation[] | undefined {
  const current = new Map((item.variations ?? []).map((variation) => [variation.id, variation]));
  const next: MercadoLibreVariation[] = [];
  for (const [index, entry] of input.entries()) {
    if (entry.price !== undefined && !validAmount(entry.price, item.currency_id))
      causes.push({
        code: 'item.variations.price.invalid',
        message: `Invalid price for ${item.currency_id}.`,
        references: [`item.variations[${index}].price`],
      });
    if (
      entry.available_quantity !== undefined &&
      !(Number.isInteger(entry.available_quantity) && (entry.available_quantity as number) >= 0)
    ) {
      causes.push({
        code: 'item.variations.available_quantity.invalid',
        message: 'available_quantity must be a whole number ≥ 0.',
        references: [`item.variations[${index}].available_quantity`],
      });
    }
    if (entry.id !== undefined) {
      const existing = current.get(Number(entry.id));
      if (!existing) {
        causes.push({
          code: 'item.variations.id.invalid',
          message: `Variation ${String(entry.id)} does not belong to ${item.id}.`,
          references: [`item.variations[${index}].id`],
        });
        continue;
      }
      next.push({
        ...existing,
        ...(entry.price !== undefined ? { price: entry.price as number } : {}),
        ...(entry.available_quantity !== undefined ? { available_quantity: entry.available_quantity as number } : {}),
        ...(Array.isArray(entry.attribute_combinations)
          ? { attribute_combinations: entry.attribute_combinations as MercadoLibreVariation['attribute_combinations'] }
          : {}),
        ...(Array.isArray(entry.attributes) ? { attributes: entry.attributes as MercadoLibreAttribute[] } : {}),
      });
    } else {
      next.push({
        id: 100_000_000_000 + nextNumber(sim.state),
        price: (entry.price as number | undefined) ?? item.price,
        available_quantity: Number(entry.available_quantity ?? 0),
        sold_quantity: 0,
        attribute_combinations: (entry.attribute_combinations ?? []) as MercadoLibreVariation['attribute_combinations'],
        attributes: (entry.attributes ?? []) as MercadoLibreAttribute[],
        user_product_id: `${item.site_id}U${1_000_000 + nextNumber(sim.state)}`,
      });
    }
  }
  if (new Set(next.map((variation) => variation.price)).size > 1)
    causes.push({
      code: 'item.variations.price.invalid',
      message: 'All variations must have the same price.',
      references: ['item.variations'],
    });
  // Variations a write leaves out are deleted: that is MercadoLibre's rule.
  return next;
}

/**
 * `PUT /items/{id}`: absolute changes of price, stock, status, title, pictures, attributes and
 * variations, with MercadoLibre's rules: a closed item only accepts `deleted`, deletion needs
 * a closed item, the title of an item with sales is fixed, variations share one price and the
 * ones left out of a `variations` array are deleted, an item with variations takes stock only
 * per variation, a multi-warehouse seller's stock goes through user products.
 */
export function updateItem(sim: SimRequest): Response {
  const item = sim.state.items.get(sim.params[0]!);
  if (!item || item.sub_status?.includes('deleted'))
    return mlError(404, 'not_found', `Item with id ${sim.params[0]} not found`);
  if (item.seller_id !== sim.seller.id) return mlError(403, 'forbidden', 'The item does not belong to the caller.');
  const body = (sim.body ?? {}) as Record<string, unknown>;
  const causes: Cause[] = [];
  if (body.deleted !== undefined) {
    if (item.status !== 'closed')
      return validationError([
        { code: 'item.deleted.invalid', message: 'Close the item before deleting it.', references: ['item.deleted'] },
      ]);
    item.sub_status = [...(item.sub_status ?? []), 'deleted'];
    sim.changed('items', `/items/${item.id}`);
    return json(item);
  }
  if (item.status === 'closed')
    return validationError([
      {
        code: 'item.status.invalid',
        message: 'A closed item cannot be modified; relist it.',
        references: ['item.status'],
      },
    ]);
  if (body.title !== undefined && body.title !== item.title && (item.sold_quantity ?? 0) > 0)
    causes.push({
      code: 'item.title.not_modifiable',
      message: 'The title of an item with sales cannot change.',
      references: ['item.title'],
    });
  if (body.price !== undefined && !validAmount(body.price, item.currency_id))
    causes.push({
      code: 'item.price.invalid',
      message: `Invalid price for ${item.currency_id}.`,
      references: ['item.price'],
    });
  if (body.available_quantity !== undefined) {
    if (item.variations?.length)
      causes.push({
        code: 'item.available_quantity.not_modifiable',
        message: 'Set the stock of each variation.',
        references: ['item.available_quantity'],
      });
    else if (sim.seller.tags.includes('warehouse_management'))
      causes.push({
        code: 'item.available_quantity.invalid',
        message: 'the fields [available_quantity] are invalid for requested call',
        references: ['item.available_quantity'],
      });
    else if (!(Number.isInteger(body.available_quantity) && (body.available_quantity as number) >= 0))
      causes.push({
        code: 'item.available_quantity.invalid',
        message: 'available_quantity must be a whole number ≥ 0.',
        references: ['item.available_quantity'],
      });
  }
  if (body.status !== undefined && !['active', 'paused', 'closed'].includes(String(body.status)))
    causes.push({
      code: 'item.status.invalid',
      message: 'status must be active, paused or closed.',
      references: ['item.status'],
    });
  const variations = Array.isArray(body.variations)
    ? applyVariations(sim, item, body.variations as Record<string, unknown>[], causes)
    : undefined;
  if (
    variations &&
    sim.seller.tags.includes('warehouse_management') &&
    (body.variations as Record<string, unknown>[]).some((entry) => entry.available_quantity !== undefined)
  ) {
    causes.push({
      code: 'item.variations.available_quantity.invalid',
      message: 'the fields [available_quantity] are invalid for requested call',
      references: ['item.variations'],
    });
  }
  if (causes.length > 0) return validationError(causes);
  if (typeof body.title === 'string') item.title = body.title;
  if (typeof body.price === 'number') {
    item.price = body.price;
    for (const variation of item.variations ?? []) variation.price = body.price;
  }
  if (typeof body.available_quantity === 'number') item.available_quantity = body.available_quantity;
  if (Array.isArray(body.pictures))
    item.pictures = (body.pictures as { source?: string }[]).map((picture, index) => ({
      id: `${item.id}-${index}`,
      url: picture.source ?? '',
      secure_url: picture.source ?? '',
    }));
  if (Array.isArray(body.attributes)) item.attributes = body.attributes as MercadoLibreAttribute[];
  if (variations) {
    item.variations = variations;
    if (variations[0]) item.price = variations[0].price;
  }
  if (typeof body.status === 'string') {
    item.status = body.status;
    if (body.status !== 'paused')
      item.sub_status = (item.sub_status ?? []).filter((status) => status !== 'out_of_stock');
  }
  settleItem(item, sim.clock);
  sim.changed('items', `/items/${item.id}`);
  return json(item);
}
