import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../../core/errors/validation-error.js';
import { failure } from '../../core/result.js';
import { ProductInputSchema, type Product, type ProductInput } from '../../model/product.js';
import { applyColumnMapping, deletePath, formatPath, getPath, setPath, type ColumnMapping } from './paths.js';
import type {
  FieldMapping,
  MappingContext,
  MappingFailure,
  MappingIssue,
  MarketplaceDefaults,
  PlatformMapper,
} from './types.js';

/**
 * Options of {@link DataMapper}. Everything per marketplace is keyed by marketplace name; `*`
 * in `fieldMappings` applies to all.
 *
 * @example
 * ```ts
 * const options: DataMapperOptions = {
 *   mappers: [myShopMapper],
 *   column_mapping: { 'Item SKU': 'offers.0.sku', Name: 'title', 'Price cents': 'offers.0.price.amountMinor' },
 *   fieldMappings: { '*': [{ from: 'attributes.colour', to: 'attributes.color' }] },
 *   categories: { 'my-shop': { mugs: 'KITCHEN-12' } },
 *   defaults: { 'my-shop': { condition: 'new', currency: 'EUR' } },
 * };
 * ```
 *
 * @category Data mapper
 */
export interface DataMapperOptions {
  /** The connectors' mappers. */
  mappers?: PlatformMapper[];
  /** Flat row column → canonical path, for {@link DataMapper.fromRow} (spreadsheets, CSV). */
  column_mapping?: ColumnMapping;
  /** Field renames and transforms per marketplace (`*`: all marketplaces). */
  fieldMappings?: Record<string, FieldMapping[]>;
  /** Your category → the marketplace's category id, per marketplace. */
  categories?: Record<string, Record<string, string>>;
  /** Defaults per marketplace (`*`: all marketplaces). */
  defaults?: Record<string, MarketplaceDefaults>;
  /** `categories` misses: fail with `unmapped_category` (default) or pass the category through. */
  onUnmappedCategory?: 'fail' | 'pass';
}

/**
 * Maps records between the canonical model and each marketplace, through the connector's
 * {@link PlatformMapper} plus your overrides: column mapping for flat rows, field renames and
 * transforms, category maps and defaults per marketplace. Untrusted input never throws: every
 * method returns a `Result` whose error lists each problem with its path.
 *
 * @example
 * ```ts
 * const mapper = new DataMapper({ mappers: [myShopMapper], defaults: { 'my-shop': { currency: 'EUR' } } });
 * const product = mapper.fromRow({ 'Item SKU': 'MUG-1', Name: 'Mug', 'Price cents': '1299' });
 * const payload = product.andThen((p) => mapper.toPlatform('my-shop', p));
 * ```
 *
 * @category Data mapper
 */
export class DataMapper {
  readonly #mappers = new Map<string, PlatformMapper>();
  readonly #options: DataMapperOptions;

  /** @param options - validated once; every problem is reported together */
  constructor(options: DataMapperOptions = {}) {
    const issues: ValidationIssue[] = [];
    (options.mappers ?? []).forEach((mapper, i) => {
      if (
        typeof mapper?.platform !== 'string' ||
        typeof mapper.toCanonical !== 'function' ||
        typeof mapper.fromCanonical !== 'function'
      ) {
        issues.push({ path: ['mappers', i], message: 'Expected { platform, toCanonical, fromCanonical }.' });
      } else if (this.#mappers.has(mapper.platform))
        issues.push({ path: ['mappers', i], message: `A mapper for ${mapper.platform} is registered twice.` });
      else this.#mappers.set(mapper.platform, mapper);
    });
    for (const [marketplace, list] of Object.entries(options.fieldMappings ?? {})) {
      list.forEach((mapping, i) => {
        if (!mapping?.from || !mapping.to)
          issues.push({ path: ['fieldMappings', marketplace, i], message: 'Expected non-empty from and to paths.' });
      });
    }
    for (const [column, path] of Object.entries(options.column_mapping ?? {})) {
      if (typeof path !== 'string' || path.length === 0)
        issues.push({ path: ['column_mapping', column], message: 'Expected a target path such as offers.0.sku.' });
    }
    if (issues.length > 0) throw new ValidationError('DataMapper options', issues);
    this.#options = options;
  }

  /** Marketplaces with a registered mapper. */
  get marketplaces(): string[] {
    return [...this.#mappers.keys()];
  }

  /**
   * Builds a canonical product from a flat row (a CSV or spreadsheet line) with
   * `column_mapping`, the marketplace's defaults, and validation.
   */
  fromRow(row: Record<string, unknown>, marketplace?: string): Result<ProductInput, MappingFailure> {
    const record = this.#options.column_mapping ? applyColumnMapping(row, this.#options.column_mapping) : { ...row };
    for (const offer of Array.isArray(record.offers) ? record.offers : []) {
      const price = (offer as Record<string, unknown> | undefined)?.price as Record<string, unknown> | undefined;
      if (price && typeof price.amountMinor === 'string' && /^-?\d+$/.test(price.amountMinor))
        price.amountMinor = Number(price.amountMinor);
    }
    return this.#withDefaults(record, marketplace).andThen((filled) =>
      parse(ProductInputSchema, filled, 'invalid_record'),
    );
  }

  /** Canonical product → the marketplace's payload: defaults, field mappings, category map, then the connector's mapper. */
  toPlatform<P = unknown>(marketplace: string, product: ProductInput): Result<P, MappingFailure> {
    const mapper = this.#mappers.get(marketplace);
    if (!mapper) return err(unknown(marketplace, this.marketplaces));
    return this.#withDefaults(structuredClone(product) as Record<string, unknown>, marketplace)
      .andThen((record) => this.#applyFieldMappings(record, marketplace, 'forward'))
      .andThen((record) => parse(ProductInputSchema, record, 'invalid_record'))
      .andThen((valid) =>
        this.#category(marketplace, valid.categoryId).andThen((categoryId) => {
          const context = this.#context(marketplace, categoryId);
          try {
            return ok(mapper.fromCanonical(categoryId === undefined ? valid : { ...valid, categoryId }, context) as P);
          } catch (error) {
            return err(
              failure(
                'transform_failed',
                `The ${marketplace} mapper failed: ${error instanceof Error ? error.message : String(error)}`,
              ) as MappingFailure,
            );
          }
        }),
      );
  }

  /** An untrusted payload from the marketplace → canonical product; categories and renames are mapped back. */
  toCanonical(marketplace: string, payload: unknown): Result<Product, MappingFailure> {
    const mapper = this.#mappers.get(marketplace);
    if (!mapper) return err(unknown(marketplace, this.marketplaces));
    let result: Result<Product, MappingFailure>;
    try {
      result = mapper.toCanonical(payload, this.#context(marketplace, undefined));
    } catch (error) {
      return err(
        failure(
          'invalid_payload',
          `The ${marketplace} payload could not be read: ${error instanceof Error ? error.message : String(error)}`,
        ) as MappingFailure,
      );
    }
    return result.andThen((product) => {
      const categories = this.#options.categories?.[marketplace] ?? {};
      const ours = Object.entries(categories).find(([, theirs]) => theirs === product.categoryId)?.[0];
      const record = structuredClone(product) as Record<string, unknown>;
      if (ours !== undefined) record.categoryId = ours;
      return this.#applyFieldMappings(record, marketplace, 'reverse').map((back) => back as Product);
    });
  }

  #context(marketplace: string, categoryId: string | undefined): MappingContext {
    const defaults = { ...this.#options.defaults?.['*'], ...this.#options.defaults?.[marketplace] };
    return categoryId === undefined ? { marketplace, defaults } : { marketplace, defaults, categoryId };
  }

  #withDefaults(
    record: Record<string, unknown>,
    marketplace: string | undefined,
  ): Result<Record<string, unknown>, MappingFailure> {
    const defaults = {
      ...this.#options.defaults?.['*'],
      ...(marketplace ? this.#options.defaults?.[marketplace] : undefined),
    };
    for (const offer of Array.isArray(record.offers) ? record.offers : []) {
      if (offer === null || typeof offer !== 'object') continue;
      const o = offer as Record<string, unknown>;
      if (defaults.condition !== undefined && o.condition === undefined) o.condition = defaults.condition;
      for (const field of ['price', 'compareAtPrice', 'cost']) {
        const money = o[field] as Record<string, unknown> | undefined;
        if (defaults.currency !== undefined && money && typeof money === 'object' && money.currency === undefined)
          money.currency = defaults.currency;
      }
    }
    return ok(record);
  }

  #applyFieldMappings(
    record: Record<string, unknown>,
    marketplace: string,
    direction: 'forward' | 'reverse',
  ): Result<Record<string, unknown>, MappingFailure> {
    const mappings = [
      ...(this.#options.fieldMappings?.['*'] ?? []),
      ...(this.#options.fieldMappings?.[marketplace] ?? []),
    ];
    const ordered = direction === 'forward' ? mappings : [...mappings].reverse();
    for (const mapping of ordered) {
      const [from, to, fn] =
        direction === 'forward'
          ? [mapping.from, mapping.to, mapping.transform]
          : [mapping.to, mapping.from, mapping.reverse];
      const value = getPath(record, from);
      if (value === undefined) continue;
      try {
        const next = fn ? fn(value, record) : value;
        deletePath(record, from);
        setPath(record, to, next);
      } catch (error) {
        return err(
          failure(
            'transform_failed',
            `Field mapping ${from} → ${to} failed: ${error instanceof Error ? error.message : String(error)}`,
            { issues: [{ path: from, message: String(error) }] },
          ) as MappingFailure,
        );
      }
    }
    return ok(record);
  }

  #category(marketplace: string, categoryId: string | undefined): Result<string | undefined, MappingFailure> {
    const map = this.#options.categories?.[marketplace];
    if (categoryId === undefined || !map) return ok(categoryId);
    const theirs = map[categoryId];
    if (theirs !== undefined) return ok(theirs);
    if (this.#options.onUnmappedCategory === 'pass') return ok(categoryId);
    return err(
      failure(
        'unmapped_category',
        `Category ${categoryId} has no ${marketplace} category; add it to categories.${marketplace}.`,
        {
          issues: [{ path: 'categoryId', message: `No mapping for ${categoryId}.` }],
        },
      ) as MappingFailure,
    );
  }
}

/**
 * Parses an untrusted value with a zod schema into a `Result` whose error lists every issue
 * with its path. Connector mappers use it for platform payloads.
 *
 * @example
 * ```ts
 * const item = parseWith(MyShopItemSchema, await response.json());
 * if (item.isErr()) console.log(item.error.details?.issues); // [{ path: 'variants[2].price', message: '...' }]
 * ```
 *
 * @category Data mapper
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  reason: 'invalid_payload' | 'invalid_record' = 'invalid_payload',
): Result<z.output<S>, MappingFailure> {
  return parse(schema, value, reason);
}

function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  reason: 'invalid_payload' | 'invalid_record',
): Result<z.output<S>, MappingFailure> {
  const result = schema.safeParse(value);
  if (result.success) return ok(result.data);
  const issues: MappingIssue[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return err(
    failure(
      reason,
      `${reason === 'invalid_payload' ? 'Payload' : 'Record'} rejected (${count}): ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    ) as MappingFailure,
  );
}

function unknown(marketplace: string, known: string[]): MappingFailure {
  return failure(
    'unknown_marketplace',
    `No mapper registered for ${marketplace}; known: ${known.join(', ') || 'none'}. Pass it in options.mappers.`,
  ) as MappingFailure;
}
