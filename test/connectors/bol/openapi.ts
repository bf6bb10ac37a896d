import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readJsonSpec } from '../../fixtures/specs.js';

/**
 * Contract checks of bol.com requests against the Retailer API v10 and Shared API v10 OpenAPI
 * documents in test/fixtures/specs/bol-retailer: method and path template, path and query
 * parameters (declared, required, typed, enumerated), request media type and body (ajv on the
 * request body schema), and an Accept header the operation answers with.
 */
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface Operation {
  api: 'retailer' | 'shared';
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  literal: number;
  parameters: Parameter[];
  body?: Record<string, ValidateFunction>;
  accepts: Set<string>;
}

interface Spec {
  paths: Record<
    string,
    Record<
      string,
      {
        operationId: string;
        parameters?: Parameter[];
        requestBody?: { content: Record<string, { schema: unknown }> };
        responses: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
  components: { schemas: Record<string, Record<string, unknown>> };
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (ajv: Ajv) => void)(ajv);
for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);

export const specs = {
  retailer: readJsonSpec<Spec>('bol-retailer/retailer.json'),
  shared: readJsonSpec<Spec>('bol-retailer/shared.json'),
};
ajv.addSchema({ $id: 'retailer', components: specs.retailer.components });
ajv.addSchema({ $id: 'shared', components: specs.shared.components });

function rewrite(schema: unknown, api: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rewrite(item, api));
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema))
      out[key] = key === '$ref' && typeof value === 'string' ? `${api}${value}` : rewrite(value, api);
    return out;
  }
  return schema;
}

export const operations: Operation[] = [];
for (const api of ['retailer', 'shared'] as const) {
  for (const [template, item] of Object.entries(specs[api].paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'delete'].includes(method)) continue;
      const body = operation.requestBody
        ? Object.fromEntries(
            Object.entries(operation.requestBody.content).map(([type, content]) => [
              type,
              ajv.compile(rewrite(content.schema, api) as object),
            ]),
          )
        : undefined;
      const accepts = new Set(
        Object.values(operation.responses).flatMap((response) => Object.keys(response.content ?? {})),
      );
      operations.push({
        api,
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
        literal: template.split('/').filter((part) => part && !part.startsWith('{')).length,
        parameters: operation.parameters ?? [],
        ...(body ? { body } : {}),
        accepts,
      });
    }
  }
}
operations.sort((a, b) => b.literal - a.literal);

/** The bases the connector's endpoints resolve to (production). */
export const BASES = { retailer: 'https://api.bol.com/retailer', shared: 'https://api.bol.com/shared' };

function typed(value: string, schema: Record<string, unknown> | undefined): unknown {
  if (schema?.type === 'integer' || schema?.type === 'number')
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema?.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/**
 * Validates one request; resolves the operation it matched and every contract problem found.
 *
 * @example
 * const { operationId, problems } = await checkRequest(request);
 */
export async function checkRequest(request: Request): Promise<{ operationId?: string; problems: string[] }> {
  const url = new URL(request.url);
  const bare = `${url.origin}${url.pathname}`;
  const api = bare.startsWith(`${BASES.shared}/`)
    ? 'shared'
    : bare.startsWith(`${BASES.retailer}/`)
      ? 'retailer'
      : undefined;
  if (!api) return { problems: [`${request.method} ${request.url}: not a Retailer or Shared API URL`] };
  const path = `/${api}${bare.slice(BASES[api].length)}`;
  const operation = operations.find(
    (candidate) => candidate.api === api && candidate.method === request.method && candidate.pattern.test(path),
  );
  if (!operation) return { problems: [`${request.method} ${path}: no such operation in the contract`] };
  const problems: string[] = [];
  const where = `${operation.operationId} (${request.method} ${path})`;
  const values = operation.pattern.exec(path)!.slice(1);
  const pathParams = operation.parameters.filter((parameter) => parameter.in === 'path');
  pathParams.forEach((parameter, index) => {
    const value = decodeURIComponent(values[index] ?? '');
    if (!value) problems.push(`${where}: path parameter ${parameter.name} is empty`);
    if (parameter.schema && !ajv.validate(parameter.schema, typed(value, parameter.schema)))
      problems.push(`${where}: path parameter ${parameter.name}=${value}: ${ajv.errorsText()}`);
  });
  const declared = new Map(
    operation.parameters
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => [parameter.name, parameter]),
  );
  for (const [name, value] of url.searchParams) {
    const parameter = declared.get(name);
    if (!parameter) problems.push(`${where}: undeclared query parameter ${name}`);
    else if (
      parameter.schema &&
      !ajv.validate(
        parameter.schema.type === 'array' ? (parameter.schema.items as object) : parameter.schema,
        typed(
          value,
          parameter.schema.type === 'array' ? (parameter.schema.items as Record<string, unknown>) : parameter.schema,
        ),
      )
    ) {
      problems.push(`${where}: query parameter ${name}=${value}: ${ajv.errorsText()}`);
    }
  }
  for (const parameter of declared.values())
    if (parameter.required && !url.searchParams.has(parameter.name))
      problems.push(`${where}: required query parameter ${parameter.name} missing`);
  const accept = request.headers.get('accept') ?? '';
  if (operation.accepts.size > 0 && !accept.split(',').some((type) => operation.accepts.has(type.trim())))
    problems.push(`${where}: Accept ${accept} is none of ${[...operation.accepts].join(', ')}`);
  const text = await request.clone().text();
  if (operation.body) {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const validate = operation.body[type];
    if (!validate)
      problems.push(`${where}: Content-Type ${type || '(none)'} is none of ${Object.keys(operation.body).join(', ')}`);
    else {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        problems.push(`${where}: body is not JSON`);
      }
      if (body !== undefined && !validate(body))
        problems.push(`${where}: body ${text}: ${ajv.errorsText(validate.errors)}`);
    }
  } else if (text) problems.push(`${where}: the operation takes no body, got ${text}`);
  return { operationId: operation.operationId, problems };
}

/**
 * An instance of a schema built from its properties' `example` values (the contract has no
 * response examples, only property examples): required properties always, optional ones when
 * they have an example.
 *
 * @example
 * const offer = exampleOf('retailer', 'RetailerOffer');
 */
export function exampleOf(api: 'retailer' | 'shared', name: string): unknown {
  const build = (schema: Record<string, unknown>, depth: number): unknown => {
    if (depth > 8) return undefined;
    if (typeof schema.$ref === 'string')
      return build(specs[api].components.schemas[schema.$ref.split('/').pop()!]!, depth + 1);
    if (schema.type === 'array') {
      const item = build(schema.items as Record<string, unknown>, depth + 1);
      return item === undefined ? [] : [item];
    }
    if (schema.type === 'object' || schema.properties) {
      const out: Record<string, unknown> = {};
      const required = new Set((schema.required as string[] | undefined) ?? []);
      for (const [key, property] of Object.entries(
        (schema.properties as Record<string, Record<string, unknown>>) ?? {},
      )) {
        const value =
          property.example !== undefined && property.type !== 'array' ? property.example : build(property, depth + 1);
        if (
          value !== undefined &&
          (required.has(key) || property.example !== undefined || property.$ref || property.type === 'array')
        )
          out[key] = value;
      }
      return out;
    }
    if (schema.example !== undefined) return schema.example;
    if (Array.isArray(schema.enum)) return schema.enum[0];
    return schema.type === 'integer' || schema.type === 'number'
      ? 1
      : schema.type === 'boolean'
        ? false
        : schema.type === 'string'
          ? 'x'
          : undefined;
  };
  return build(specs[api].components.schemas[name]!, 0);
}
