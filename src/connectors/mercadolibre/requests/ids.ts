import { ValidationError } from '../../../core/errors/validation-error.js';

const PATTERNS = {
  item: /^[A-Z]{3}[0-9]{1,20}$/,
  userProduct: /^[A-Z]{3}U[0-9]{1,20}$/,
  numeric: /^[0-9]{1,20}$/,
} as const;

const HINTS = {
  item: 'an item id such as MLA1234567890',
  userProduct: 'a user product id such as MLAU123456789',
  numeric: 'a numeric id',
} as const;

/**
 * Checks an id before it becomes part of a path, so that hostile input can never reach
 * another resource; throws a `ValidationError` naming the field otherwise.
 *
 * @example
 * ```ts
 * checkId('item', 'MLA1234567890', 'itemId'); // 'MLA1234567890'
 * checkId('numeric', '../users', 'orderId'); // throws ValidationError
 * ```
 */
export function checkId(kind: keyof typeof PATTERNS, value: unknown, field: string): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text === 'string' && PATTERNS[kind].test(text)) return text;
  throw new ValidationError(
    `MercadoLibre ${field}`,
    [{ path: [field], message: `Expected ${HINTS[kind]}, got ${JSON.stringify(value)}.` }],
    { platform: 'mercadolibre' },
  );
}

/**
 * Whether `value` looks like a MercadoLibre item id.
 *
 * @example
 * ```ts
 * isItemId('MLB123'); // true
 * ```
 */
export function isItemId(value: string): boolean {
  return PATTERNS.item.test(value);
}
