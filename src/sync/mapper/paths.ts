/**
 * Source column or field name → target path in the canonical record. Paths use dots for
 * nesting and numbers for array positions: `offers.0.price.amountMinor`.
 *
 * @category Data mapper
 */
export type ColumnMapping = Record<string, string>;

/**
 * Splits a dot path; numeric parts become array indexes.
 * @example
 * ```ts
 * splitPath('offers.0.sku'); // ['offers', 0, 'sku']
 * ```
 */
export function splitPath(path: string): (string | number)[] {
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Reads a value at a dot path.
 * @example
 * ```ts
 * getPath({ offers: [{ sku: 'A' }] }, 'offers.0.sku'); // 'A'
 * ```
 */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of splitPath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/**
 * Writes a value at a dot path, creating objects and arrays on the way; refuses prototype keys.
 * @example
 * ```ts
 * const out = {}; setPath(out, 'offers.0.sku', 'A'); // { offers: [{ sku: 'A' }] }
 * ```
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = splitPath(path);
  let current: Record<string | number, unknown> = target;
  parts.forEach((part, i) => {
    if (part === '__proto__' || part === 'constructor' || part === 'prototype')
      throw new TypeError(`Refusing to write to ${path}.`);
    if (i === parts.length - 1) {
      current[part] = value;
      return;
    }
    const next = current[part];
    if (next === null || typeof next !== 'object') current[part] = typeof parts[i + 1] === 'number' ? [] : {};
    current = current[part] as Record<string | number, unknown>;
  });
}

/**
 * Removes the value at a dot path.
 * @example
 * ```ts
 * deletePath(record, 'attributes.colour');
 * ```
 */
export function deletePath(target: unknown, path: string): void {
  const parts = splitPath(path);
  const last = parts.pop();
  const parent = parts.length === 0 ? target : getPath(target, parts.join('.'));
  if (last !== undefined && parent !== null && typeof parent === 'object')
    delete (parent as Record<string | number, unknown>)[last];
}

/**
 * Builds a record from `row` by moving each mapped column to its path; unmapped columns are dropped.
 * @example
 * ```ts
 * applyColumnMapping({ 'Item SKU': 'A', Qty: '2' }, { 'Item SKU': 'sku', Qty: 'quantity' }); // { sku: 'A', quantity: '2' }
 * ```
 */
export function applyColumnMapping(row: unknown, mapping: ColumnMapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (row === null || typeof row !== 'object') return out;
  for (const [column, path] of Object.entries(mapping)) {
    const value = (row as Record<string, unknown>)[column];
    if (value !== undefined && value !== '') setPath(out, path, value);
  }
  return out;
}

/**
 * A path as people read it: `offers[0].price.amountMinor`.
 * @example
 * ```ts
 * formatPath(['offers', 0, 'price']); // 'offers[0].price'
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}
