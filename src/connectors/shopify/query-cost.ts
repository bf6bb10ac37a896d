/**
 * Shopify's static query cost, computed from the document text the way the Admin API
 * calculates `requestedQueryCost`: a scalar costs 0, an object 1, a connection
 * 2 + `first` × (cost of one node), `nodes(ids:)` one node per id, and every mutation field 10.
 * Knowing the cost before sending is what lets the planner reserve it and keep every query
 * under the single-query maximum. No GraphQL runtime is needed: a small tokenizer suffices
 * for the documents a connector writes.
 */

type Token = { kind: 'punct' | 'name' | 'number' | 'string' | 'variable'; value: string };

interface Field {
  name: string;
  args: Record<string, unknown>;
  children: Field[];
  hasSelection: boolean;
}

const PUNCT = new Set(['{', '}', '(', ')', '[', ']', ':', '!', '=', '@', ',', '|', '&']);
const WRAPPERS = new Set(['edges', 'node', 'nodes']);
const MUTATION_COST = 10;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s|,/.test(ch)) i++;
    else if (ch === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (text.startsWith('"""', i)) {
      const end = text.indexOf('"""', i + 3);
      tokens.push({ kind: 'string', value: text.slice(i + 3, end) });
      i = end < 0 ? text.length : end + 3;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', value: text.slice(i + 1, j) });
      i = j + 1;
    } else if (text.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...' });
      i += 3;
    } else if (ch === '$') {
      const match = /^\$[_A-Za-z][_0-9A-Za-z]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'variable', value: match[0].slice(1) });
      i += match[0].length;
    } else if (PUNCT.has(ch)) {
      tokens.push({ kind: 'punct', value: ch });
      i++;
    } else {
      const match = /^-?[_0-9A-Za-z.]+/.exec(text.slice(i));
      if (!match) throw new SyntaxError(`Unexpected character ${JSON.stringify(ch)} in GraphQL document.`);
      tokens.push({ kind: /^-?\d/.test(match[0]) ? 'number' : 'name', value: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  #at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly variables: Record<string, unknown>,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.#at];
  }

  next(): Token {
    const token = this.tokens[this.#at++];
    if (!token) throw new SyntaxError('Unexpected end of GraphQL document.');
    return token;
  }

  is(value: string): boolean {
    return this.peek()?.value === value && this.peek()?.kind !== 'string';
  }

  /** Skips a balanced group starting at the current open bracket. */
  skipGroup(open: string, close: string): void {
    let depth = 0;
    do {
      const token = this.next();
      if (token.kind === 'punct' && token.value === open) depth++;
      if (token.kind === 'punct' && token.value === close) depth--;
    } while (depth > 0);
  }

  value(): unknown {
    const token = this.next();
    if (token.kind === 'variable') return this.variables[token.value];
    if (token.kind === 'number') return Number(token.value);
    if (token.kind === 'string') return token.value;
    if (token.value === '[') {
      const list: unknown[] = [];
      while (!this.is(']')) list.push(this.value());
      this.next();
      return list;
    }
    if (token.value === '{') {
      const object: Record<string, unknown> = {};
      while (!this.is('}')) {
        const key = this.next().value;
        this.next();
        object[key] = this.value();
      }
      this.next();
      return object;
    }
    return token.value;
  }

  directives(): void {
    while (this.is('@')) {
      this.next();
      this.next();
      if (this.is('(')) this.skipGroup('(', ')');
    }
  }

  selectionSet(): Field[] {
    const fields: Field[] = [];
    this.next();
    while (!this.is('}')) {
      if (this.is('...')) {
        this.next();
        if (this.is('on')) {
          this.next();
          this.next();
        }
        this.directives();
        if (this.is('{')) fields.push(...this.selectionSet());
        continue;
      }
      let name = this.next().value;
      if (this.is(':')) {
        this.next();
        name = this.next().value;
      }
      const args: Record<string, unknown> = {};
      if (this.is('(')) {
        this.next();
        while (!this.is(')')) {
          const key = this.next().value;
          this.next();
          args[key] = this.value();
        }
        this.next();
      }
      this.directives();
      const hasSelection = this.is('{');
      fields.push({ name, args, hasSelection, children: hasSelection ? this.selectionSet() : [] });
    }
    this.next();
    return fields;
  }
}

function nodeCost(children: readonly Field[]): number {
  let cost = 0;
  for (const child of children) {
    if (!child.hasSelection || child.name === 'pageInfo') continue;
    cost += WRAPPERS.has(child.name) ? nodeCost(child.children) : fieldCost(child);
  }
  return cost;
}

function fieldCost(field: Field): number {
  if (!field.hasSelection) return 0;
  const size =
    typeof field.args.first === 'number'
      ? field.args.first
      : typeof field.args.last === 'number'
        ? field.args.last
        : undefined;
  if (size !== undefined) {
    const wrapped = field.children.find((child) => WRAPPERS.has(child.name));
    return 2 + size * (1 + nodeCost(wrapped ? wrapped.children : field.children));
  }
  if (Array.isArray(field.args.ids)) return field.args.ids.length * (1 + nodeCost(field.children));
  return 1 + nodeCost(field.children);
}

/**
 * The cost Shopify will request for `query` with `variables`, by its published rules.
 *
 * @example
 * ```ts
 * estimateQueryCost('query { products(first: 10) { nodes { id } } }'); // 12
 * estimateQueryCost('mutation { productDelete(input: { id: "gid://shopify/Product/1" }) { deletedProductId } }'); // 10
 * ```
 *
 * @category Rate limits
 */
export function estimateQueryCost(query: string, variables: Record<string, unknown> = {}): number {
  const parser = new Parser(tokenize(query), variables);
  const mutation = parser.is('mutation');
  while (parser.peek() && !parser.is('{')) {
    if (parser.is('(')) parser.skipGroup('(', ')');
    else parser.next();
  }
  const roots = parser.selectionSet();
  if (mutation) return roots.length * MUTATION_COST;
  return roots.reduce((sum, field) => sum + fieldCost(field), 0);
}

/**
 * The largest page size (`variables[pageVariable]`) whose requested cost stays within
 * `maxCost`, capped at `cap` (Shopify pages hold at most 250). Returns 0 if even one item is
 * too expensive. Costs are linear in the page size, so two evaluations find it.
 *
 * @example
 * ```ts
 * largestPageWithin(INVENTORY_AT_LOCATION_QUERY, { query: '', locationId: 'x' }, 'first', 1000); // 199
 * ```
 *
 * @category Rate limits
 */
export function largestPageWithin(
  query: string,
  variables: Record<string, unknown>,
  pageVariable: string,
  maxCost: number,
  cap = 250,
): number {
  const one = estimateQueryCost(query, { ...variables, [pageVariable]: 1 });
  const two = estimateQueryCost(query, { ...variables, [pageVariable]: 2 });
  const perItem = two - one;
  if (one > maxCost) return 0;
  if (perItem <= 0) return cap;
  return Math.min(cap, 1 + Math.floor((maxCost - one) / perItem));
}
