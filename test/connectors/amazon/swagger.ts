import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { specPath } from '../../fixtures/specs.js';

/** Contract checks of SP-API requests against the Swagger 2.0 models in test/fixtures/specs/amazon-sp-api. */
export const SPEC_DIR = specPath('amazon-sp-api');

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'body';
  required?: boolean;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: { enum?: unknown[]; type?: string };
  maxItems?: number;
  maximum?: number;
  minimum?: number;
  schema?: unknown;
}
export interface Operation {
  model: string;
  operationId: string;
  method: string;
  path: string;
  pattern: RegExp;
  parameters: Parameter[];
  responses: Record<
    string,
    {
      schema?: unknown;
      examples?: Record<string, unknown>;
      'x-amzn-api-sandbox'?: {
        static?: { request: { parameters: Record<string, { value?: unknown }> }; response: unknown }[];
      };
    }
  >;
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
(addFormats as unknown as (ajv: Ajv) => void)(ajv);

function rewriteRefs(value: unknown, model: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, model));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/definitions/'))
        out[key] = `${model}${inner}`;
      else if (key === 'x-nullable' || key === 'example' || key === 'discriminator') continue;
      else out[key] = rewriteRefs(inner, model);
    }
    return out;
  }
  return value;
}

export const operations: Operation[] = [];
for (const file of readdirSync(SPEC_DIR).sort()) {
  const json = JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as {
    swagger?: string;
    paths?: Record<string, Record<string, unknown>>;
    definitions?: Record<string, unknown>;
  };
  if (!json.swagger || !json.paths) continue;
  const model = file.replace(/\.json$/, '');
  ajv.addSchema({ $id: model, definitions: rewriteRefs(json.definitions ?? {}, model) });
  for (const [path, item] of Object.entries(json.paths)) {
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
      const op = item[method] as
        | { operationId?: string; parameters?: Parameter[]; responses?: Operation['responses'] }
        | undefined;
      if (!op?.operationId) continue;
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
      operations.push({
        model,
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        pattern,
        parameters: [...shared, ...(op.parameters ?? [])],
        responses: op.responses ?? {},
      });
    }
  }
}

const compiled = new Map<string, ValidateFunction>();
function validatorFor(model: string, schema: unknown): ValidateFunction {
  const key = `${model}:${JSON.stringify(schema)}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema, model) as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** Finds the model operation of a method and path (longest literal match wins over templates). */
export function findOperation(method: string, pathname: string): Operation | undefined {
  const candidates = operations.filter((op) => op.method === method && op.pattern.test(pathname));
  return candidates.sort(
    (a, b) => b.path.replace(/\{[^}]+\}/g, '').length - a.path.replace(/\{[^}]+\}/g, '').length,
  )[0];
}

/** Every way a request breaks its operation's contract; empty when it conforms. */
export function validateRequest(request: {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}): { operation?: Operation; problems: string[] } {
  const url = new URL(request.url);
  const operation = findOperation(request.method, url.pathname);
  if (!operation) return { problems: [`No operation in the models for ${request.method} ${url.pathname}`] };
  const problems: string[] = [];
  const values = operation.pattern.exec(url.pathname)!.slice(1);
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  names.forEach((name, index) => {
    if (!values[index]) problems.push(`path parameter ${name} is empty`);
  });
  const query = operation.parameters.filter((param) => param.in === 'query');
  for (const key of url.searchParams.keys())
    if (!query.some((param) => param.name === key)) problems.push(`query parameter ${key} is not in the model`);
  for (const param of query) {
    const raw = url.searchParams.get(param.name);
    if (raw === null) {
      if (param.required) problems.push(`required query parameter ${param.name} is missing`);
      continue;
    }
    if (param.type === 'array') {
      const items = raw.split(',');
      if (param.maxItems !== undefined && items.length > param.maxItems)
        problems.push(`${param.name} has ${items.length} items, max ${param.maxItems}`);
      if (param.items?.enum)
        for (const item of items)
          if (!param.items.enum.includes(item))
            problems.push(`${param.name} value ${item} is not one of ${param.items.enum.join(',')}`);
    } else {
      if (param.enum && !param.enum.includes(raw))
        problems.push(`${param.name}=${raw} is not one of ${param.enum.join(',')}`);
      if (param.type === 'integer' && !/^-?\d+$/.test(raw)) problems.push(`${param.name}=${raw} is not an integer`);
      if (param.maximum !== undefined && Number(raw) > param.maximum)
        problems.push(`${param.name}=${raw} is above ${param.maximum}`);
      if (param.type === 'boolean' && raw !== 'true' && raw !== 'false')
        problems.push(`${param.name}=${raw} is not a boolean`);
      if (param.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw))
        problems.push(`${param.name}=${raw} is not an ISO 8601 date-time`);
    }
  }
  for (const param of operation.parameters.filter((p) => p.in === 'header' && p.required)) {
    if (!request.headers?.[param.name.toLowerCase()]) problems.push(`required header ${param.name} is missing`);
  }
  const bodyParam = operation.parameters.find((param) => param.in === 'body');
  if (bodyParam) {
    if (request.body === undefined) {
      if (bodyParam.required) problems.push('required body is missing');
    } else {
      const validate = validatorFor(operation.model, bodyParam.schema);
      if (!validate(request.body))
        problems.push(...(validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message}`));
      if (request.headers && !request.headers['content-type']?.includes('application/json'))
        problems.push('JSON body without content-type application/json');
    }
  } else if (request.body !== undefined) problems.push('body sent to an operation without one');
  return { operation, problems };
}

/** Validates a response body against the operation's schema for that status. */
export function validateResponse(operation: Operation, status: number, body: unknown): string[] {
  const schema = operation.responses[String(status)]?.schema;
  if (!schema) return [];
  const validate = validatorFor(operation.model, schema);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `response${error.instancePath} ${error.message}`);
}

/** The sandbox answer for a request: the first static example whose parameters match, else the first one. */
export function sandboxAnswer(operation: Operation, url: URL): { status: number; body: unknown } | undefined {
  const values = operation.pattern.exec(url.pathname)!.slice(1);
  const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const given = (name: string): string | undefined => {
    const index = names.indexOf(name);
    return index >= 0 ? decodeURIComponent(values[index]!) : (url.searchParams.get(name) ?? undefined);
  };
  // Like the sandbox, the most specific matching example wins; the first one is the fallback.
  let fallback: { status: number; body: unknown } | undefined;
  let best: { status: number; body: unknown; score: number } | undefined;
  for (const [code, response] of Object.entries(operation.responses)) {
    if (!/^2/.test(code)) continue;
    for (const example of response['x-amzn-api-sandbox']?.static ?? []) {
      const answer = { status: Number(code), body: example.response };
      fallback ??= answer;
      const params = Object.entries(example.request.parameters ?? {}).filter(
        ([name, param]) => name !== 'body' && param?.value !== undefined,
      );
      const matches = params.every(
        ([name, param]) => given(name) === (Array.isArray(param.value) ? param.value.join(',') : String(param.value)),
      );
      if (matches && (!best || params.length > best.score)) best = { ...answer, score: params.length };
    }
  }
  return best ? { status: best.status, body: best.body } : fallback;
}

/**
 * msw handlers that answer every model operation on `base` with its sandbox example, and
 * record every contract problem of the requests they receive.
 */
export function contractServer(base: string): { handlers: HttpHandler[]; problems: string[]; seen: string[] } {
  const problems: string[] = [];
  const seen: string[] = [];
  const handler = http.all(`${base}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const text = await request.text();
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const { operation, problems: found } = validateRequest({
      method: request.method,
      url: request.url,
      headers,
      ...(text ? { body: JSON.parse(text) } : {}),
    });
    problems.push(...found.map((problem) => `${request.method} ${url.pathname}: ${problem}`));
    if (!headers['x-amz-access-token']) problems.push(`${request.method} ${url.pathname}: no x-amz-access-token`);
    if (!operation) return HttpResponse.json({ errors: [{ code: 'NotFound', message: 'unknown' }] }, { status: 404 });
    seen.push(operation.operationId);
    const answer = sandboxAnswer(operation, url) ?? { status: 200, body: {} };
    return HttpResponse.json(answer.body as Record<string, unknown>, {
      status: answer.status,
      headers: { 'x-amzn-RateLimit-Limit': '100' },
    });
  });
  const token = http.post('https://api.amazon.com/auth/o2/token', () =>
    HttpResponse.json({ access_token: 'Atza|contract', expires_in: 3600 }),
  );
  return { handlers: [token, handler], problems, seen };
}
