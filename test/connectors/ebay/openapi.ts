import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { readJsonSpec } from '../../fixtures/specs.js';

/**
 * Contract checks of eBay requests and responses against the OpenAPI 3 documents in
 * test/fixtures/specs/ebay (Sell Inventory v1.13.0, Sell Fulfillment v1.19.2, Commerce
 * Notification v1.2.0).
 */
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: { type?: string; enum?: unknown[] };
}
interface OpenApiOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  servers: { variables?: { basePath?: { default: string } } }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

export interface ContractOperation {
  spec: string;
  operationId: string;
  method: string;
  path: string;
  pattern: RegExp;
  operation: OpenApiOperation;
}

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
(addFormats as unknown as (ajv: Ajv) => void)(ajv);
for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);

export const EBAY_SPECS = [
  'sell_inventory_v1_oas3',
  'sell_fulfillment_v1_oas3',
  'commerce_notification_v1_oas3',
] as const;

function rewriteRefs(value: unknown, id: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, id));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/'))
        out[key] = `${id}#/definitions/${inner.slice('#/components/schemas/'.length)}`;
      else if (key === 'example' || key === 'nullable' || key === 'x-response-codes' || key === 'description') continue;
      else out[key] = rewriteRefs(inner, id);
    }
    return out;
  }
  return value;
}

/**
 * The one correction made to the documents, in one place: Commerce Notification v1.2.0 types
 * `Destination.deliveryConfig` as a string, while its own DestinationRequest (and every later
 * version of the API) uses the `DeliveryConfig` object `{ endpoint, verificationToken }` that
 * eBay returns.
 */
function corrected(spec: string, document: OpenApiDocument): OpenApiDocument {
  if (spec !== 'commerce_notification_v1_oas3') return document;
  const destination = document.components.schemas.Destination as { properties: Record<string, unknown> };
  destination.properties.deliveryConfig = { $ref: '#/components/schemas/DeliveryConfig' };
  return document;
}

export const operations: ContractOperation[] = [];
for (const spec of EBAY_SPECS) {
  const document = corrected(spec, readJsonSpec<OpenApiDocument>(`ebay/${spec}.json`));
  ajv.addSchema({ $id: spec, definitions: rewriteRefs(document.components.schemas, spec) });
  const basePath = document.servers[0]?.variables?.basePath?.default ?? '';
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation?.operationId) continue;
      const full = `${basePath}${path}`;
      const pattern = new RegExp(`^${full.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
      operations.push({
        spec,
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path: full,
        pattern,
        operation,
      });
    }
  }
}

const compiled = new Map<string, ValidateFunction>();
function validatorFor(spec: string, schema: unknown): ValidateFunction {
  const key = `${spec}:${JSON.stringify(schema)}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteRefs(schema, spec) as object);
    compiled.set(key, validate);
  }
  return validate;
}

/** The operation of a method and path; literal segments win over templates. */
export function findOperation(method: string, pathname: string): ContractOperation | undefined {
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
}): { operation?: ContractOperation; problems: string[] } {
  const url = new URL(request.url);
  const operation = findOperation(request.method, url.pathname);
  if (!operation) return { problems: [`No operation in the OpenAPI documents for ${request.method} ${url.pathname}`] };
  const problems: string[] = [];
  const parameters = operation.operation.parameters ?? [];
  const query = parameters.filter((param) => param.in === 'query');
  for (const key of url.searchParams.keys())
    if (!query.some((param) => param.name === key)) problems.push(`query parameter ${key} is not in the contract`);
  for (const param of query) {
    const raw = url.searchParams.get(param.name);
    if (raw === null) {
      if (param.required) problems.push(`required query parameter ${param.name} is missing`);
      continue;
    }
    if (param.schema?.type === 'integer' && !/^-?\d+$/.test(raw))
      problems.push(`${param.name}=${raw} is not an integer`);
    if (param.schema?.enum && !param.schema.enum.includes(raw))
      problems.push(`${param.name}=${raw} is not one of ${param.schema.enum.join(',')}`);
  }
  for (const param of parameters.filter((p) => p.in === 'header' && p.required)) {
    if (!request.headers?.[param.name.toLowerCase()]) problems.push(`required header ${param.name} is missing`);
  }
  const values = operation.pattern.exec(url.pathname)!.slice(1);
  values.forEach((value, index) => {
    if (!value) problems.push(`path parameter ${index} is empty`);
  });
  const body = operation.operation.requestBody;
  const schema = body?.content?.['application/json']?.schema;
  if (request.body === undefined) {
    if (body?.required) problems.push('required body is missing');
  } else if (!schema) problems.push('body sent to an operation without one');
  else {
    const validate = validatorFor(operation.spec, schema);
    if (!validate(request.body))
      problems.push(...(validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message}`));
    if (request.headers && !request.headers['content-type']?.includes('application/json'))
      problems.push('JSON body without content-type application/json');
  }
  return { operation, problems };
}

/** Validates a response body against the operation's schema for that status (none to check: []). */
export function validateResponse(operation: ContractOperation, status: number, body: unknown): string[] {
  const schema = operation.operation.responses?.[String(status)]?.content?.['application/json']?.schema;
  if (!schema || body === undefined) return [];
  const validate = validatorFor(operation.spec, schema);
  return validate(body) ? [] : (validate.errors ?? []).map((error) => `response${error.instancePath} ${error.message}`);
}

/**
 * An msw handler in front of a simulator: every request on `base` is validated against the
 * contract before the simulator answers it, and every answer against the contract's response
 * schema. Requests outside the OpenAPI documents (token endpoint, Post-Order API) pass through.
 */
export function contractGate(
  base: string,
  answer: (request: Request) => Promise<Response>,
  options: { skip?: RegExp } = {},
): { handler: HttpHandler; problems: string[]; seen: Set<string> } {
  const problems: string[] = [];
  const seen = new Set<string>();
  const handler = http.all(`${base}/*`, async ({ request }) => {
    const url = new URL(request.url);
    if (options.skip?.test(url.pathname)) return answer(request);
    const text = await request.clone().text();
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
    if (!operation) return HttpResponse.json({ errors: [{ errorId: 0, message: 'not in contract' }] }, { status: 404 });
    seen.add(operation.operationId);
    const response = await answer(request);
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json') && response.status < 400) {
      const body = await response.clone().json();
      problems.push(
        ...validateResponse(operation, response.status, body).map(
          (problem) => `${request.method} ${url.pathname} answer ${response.status}: ${problem}`,
        ),
      );
    }
    return response;
  });
  return { handler, problems, seen };
}
