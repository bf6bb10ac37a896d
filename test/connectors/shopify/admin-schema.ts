import {
  buildASTSchema,
  executeSync,
  extendSchema,
  getVariableValues,
  Kind,
  parse,
  validate,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { readSpec } from '../../fixtures/specs.js';

/** One change of Shopify's Admin schema after the fixture's version (2025-10), with the version it arrived in. */
interface SchemaChange {
  since: string;
  what: string;
  /** SDL added with `extendSchema`. */
  add?: string;
  /** An edit of the fixture's SDL (a default that changed, a field that was removed). */
  edit?: (document: DocumentNode) => DocumentNode;
}

const removeInputField = (type: string, field: string) => (document: DocumentNode) =>
  visit(document, {
    InputObjectTypeDefinition: (node) =>
      node.name.value === type
        ? { ...node, fields: node.fields?.filter((entry) => entry.name.value !== field) }
        : undefined,
  });

const setArgumentDefault =
  (type: string, field: string, argument: string, value: boolean) => (document: DocumentNode) =>
    visit(document, {
      ObjectTypeDefinition: (node) =>
        node.name.value !== type
          ? undefined
          : {
              ...node,
              fields: node.fields?.map((entry) =>
                entry.name.value !== field
                  ? entry
                  : {
                      ...entry,
                      arguments: entry.arguments?.map((arg) =>
                        arg.name.value === argument ? { ...arg, defaultValue: { kind: Kind.BOOLEAN, value } } : arg,
                      ),
                    },
              ),
            },
    });

/**
 * THE ONE SCHEMA EXTENSION. Shopify's published Admin schema in test/fixtures/specs predates API
 * version 2026-01. Every later change the connector relies on (in what it sends, in what it reads
 * back, or in what it must stop sending) is stated here and nowhere else, with the version it
 * arrived in (shopify.dev changelog and the versioned reference); `schemaFor(version)` applies
 * those up to the version.
 */
export const SCHEMA_CHANGES: readonly SchemaChange[] = [
  {
    since: '2025-10',
    what: 'BulkOperationUserErrorCode.LIMIT_REACHED ("Bulk operations limit reached"), documented but absent from the fixture; answered beyond five running bulk queries from 2026-01',
    add: 'extend enum BulkOperationUserErrorCode { LIMIT_REACHED }',
  },
  {
    since: '2026-01',
    what: 'the @idempotent(key:) directive on mutation fields (required from 2026-04 on inventory mutations)',
    add: 'directive @idempotent(key: String!) on FIELD',
  },
  {
    since: '2026-01',
    what: 'InventoryQuantityInput.changeFromQuantity: the compare value of inventorySetQuantities (replaces compareQuantity; required on every quantity from 2026-04, null to skip)',
    add: 'extend input InventoryQuantityInput { changeFromQuantity: Int }',
  },
  {
    since: '2026-01',
    what: 'InventoryChangeInput.changeFromQuantity: the compare value of each inventoryAdjustQuantities change (required on every change from 2026-04, null to skip)',
    add: 'extend input InventoryChangeInput { changeFromQuantity: Int }',
  },
  {
    since: '2026-01',
    what: 'the user error codes of changeFromQuantity and @idempotent on the inventory mutations',
    add: `extend enum InventorySetQuantitiesUserErrorCode { CHANGE_FROM_QUANTITY_STALE IDEMPOTENCY_CONCURRENT_REQUEST IDEMPOTENCY_KEY_PARAMETER_MISMATCH }
      extend enum InventoryAdjustQuantitiesUserErrorCode { CHANGE_FROM_QUANTITY_STALE IDEMPOTENCY_CONCURRENT_REQUEST IDEMPOTENCY_KEY_PARAMETER_MISMATCH }`,
  },
  {
    since: '2026-01',
    what: 'bulkOperationRunQuery(groupObjects:) defaults to false: rows no longer follow their parent unless asked (changelog "Bulk operations group objects default changed to false")',
    edit: setArgumentDefault('Mutation', 'bulkOperationRunQuery', 'groupObjects', false),
  },
  {
    since: '2026-04',
    what: 'inventorySetQuantities drops compareQuantity for changeFromQuantity',
    edit: removeInputField('InventoryQuantityInput', 'compareQuantity'),
  },
  {
    since: '2026-04',
    what: 'inventorySetQuantities drops ignoreCompareQuantity (pass changeFromQuantity: null instead)',
    edit: removeInputField('InventorySetQuantitiesInput', 'ignoreCompareQuantity'),
  },
  {
    since: '2026-10',
    what: 'InventorySetQuantitiesUserErrorCode.IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED ("A previous request with this idempotency key failed. Retry with a new idempotency key.")',
    add: 'extend enum InventorySetQuantitiesUserErrorCode { IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED }',
  },
];

const atLeast = (version: string, since: string) => version === 'unstable' || version >= since;

let fixture: DocumentNode | undefined;
const schemas = new Map<string, GraphQLSchema>();

/** The Admin schema of an API version: the fixture with every change up to that version. */
export function schemaFor(version: string): GraphQLSchema {
  const cached = schemas.get(version);
  if (cached) return cached;
  fixture ??= parse(readSpec('shopify-admin/admin_schema.graphql'), { noLocation: true });
  const changes = SCHEMA_CHANGES.filter((change) => atLeast(version, change.since));
  const edited = changes.reduce((document, change) => (change.edit ? change.edit(document) : document), fixture);
  const additions = changes.flatMap((change) => (change.add ? [change.add] : [])).join('\n');
  let schema = buildASTSchema(edited, { assumeValidSDL: true });
  if (additions) schema = extendSchema(schema, parse(additions), { assumeValidSDL: true });
  schemas.set(version, schema);
  return schema;
}

/** Why a document (and its variables) does not validate against a schema; empty when it does. */
export function requestProblems(schema: GraphQLSchema, query: string, variables?: Record<string, unknown>): string[] {
  const document = parse(query);
  const errors = validate(schema, document).map((error) => error.message);
  if (errors.length > 0 || variables === undefined) return errors;
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  )!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  return 'errors' in coerced && coerced.errors ? coerced.errors.map((error) => error.message) : [];
}

/**
 * Why an answer's `data` is not what the schema says the document returns (an enum value the
 * version does not have, a null where the type is non-null, a wrong shape): the document is
 * executed over the data with property resolvers.
 */
export function responseProblems(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown>,
  data: unknown,
): string[] {
  const result = executeSync({
    schema,
    document: parse(query),
    rootValue: data,
    variableValues: variables,
    typeResolver: (value, _context, _info, abstractType) =>
      schema
        .getPossibleTypes(abstractType)
        .find((type) => Object.keys(value as object).every((key) => key in type.getFields()))?.name,
  });
  return (result.errors ?? []).map((error) => `${error.path?.join('.') ?? ''}: ${error.message}`);
}
