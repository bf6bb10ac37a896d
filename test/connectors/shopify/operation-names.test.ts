import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOPIFY_OPERATIONS } from '../../../src/connectors/shopify/index.js';

const connector = resolve(import.meta.dirname, '../../../src/connectors/shopify');

/** Every operation name declared in the connector's GraphQL documents (the simulator excluded). */
function declaredOperations(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'simulator') for (const name of declaredOperations(path)) names.add(name);
    } else if (entry.name.endsWith('.ts')) {
      for (const [, name] of readFileSync(path, 'utf8').matchAll(/\b(?:query|mutation)\s+(Mb\w+)/g)) names.add(name!);
    }
  }
  return names;
}

describe('SHOPIFY_OPERATIONS', () => {
  it('names exactly the operations the connector sends, so before() hooks and stats keys cannot drift', () => {
    expect(new Set(Object.values(SHOPIFY_OPERATIONS))).toEqual(declaredOperations(connector));
  });
});
