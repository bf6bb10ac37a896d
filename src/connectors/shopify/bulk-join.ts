/**
 * One JSONL row of a bulk query result: an object of the query's connection, children carrying
 * the id of their parent in `__parentId`.
 */
export type BulkRow = Record<string, unknown> & { id?: string; __parentId?: string };

/**
 * A parent row with the children that arrived for it. `complete` is false for a parent flushed at
 * the end of the file with fewer children than it announced.
 */
export interface JoinedBulkRow<R extends BulkRow> {
  parent: R;
  children: R[];
  complete: boolean;
}

/**
 * Joins bulk rows to their parents in whatever order they arrive. From API version 2026-01
 * `bulkOperationRunQuery` no longer groups children under their parent by default, so a child may
 * come before its parent or far after it.
 *
 * A parent is emitted as soon as its row and as many children as it announces (`expected`, e.g.
 * the product's `variantsCount`) have arrived. Memory holds only what is unresolved: one entry per
 * parent still waiting for children, and the children that arrived before their parent — at most
 * the rows of unresolved parents, never the whole file. Grouped output (children right after their
 * parent) keeps it at one parent. `finish()` returns what is left at the end of the file: parents
 * with fewer children than announced (a child deleted during the export, a count that was not
 * exact) and children whose parent row never came (a parent deleted, or one emitted already
 * because a child was added after it was counted).
 *
 * @example
 * ```ts
 * const join = new BulkRowJoin((row) => (row.variantsCount as { count: number }).count);
 * for await (const row of rows) {
 *   const joined = join.add(row);
 *   if (joined) save(joined.parent, joined.children);
 * }
 * const { incomplete, orphans } = join.finish();
 * ```
 */
export class BulkRowJoin<R extends BulkRow> {
  readonly #expected: (parent: R) => number | undefined;
  readonly #parents = new Map<string, { parent: R; children: R[]; expected: number | undefined }>();
  readonly #orphans = new Map<string, R[]>();
  #held = 0;
  #highWater = 0;

  /** @param expected - how many children a parent row announces, or undefined when unknown (then it waits for the end of the file) */
  constructor(expected: (parent: R) => number | undefined) {
    this.#expected = expected;
  }

  /** Rows held right now (unresolved parents and their arrived children, orphans). */
  get held(): number {
    return this.#held;
  }

  /** The most rows held at any time: the memory the join needed. */
  get highWater(): number {
    return this.#highWater;
  }

  /** Adds one row; returns a parent that became complete with it. */
  add(row: R): JoinedBulkRow<R> | undefined {
    const parentId = row.__parentId;
    if (parentId === undefined) {
      const id = String(row.id ?? '');
      const children = this.#orphans.get(id) ?? [];
      this.#orphans.delete(id);
      const entry = { parent: row, children, expected: this.#expected(row) };
      if (entry.expected !== undefined && children.length >= entry.expected) {
        this.#held -= children.length;
        return { parent: row, children, complete: true };
      }
      this.#parents.set(id, entry);
      this.#hold(1);
      return undefined;
    }
    const entry = this.#parents.get(parentId);
    if (!entry) {
      const waiting = this.#orphans.get(parentId);
      if (waiting) waiting.push(row);
      else this.#orphans.set(parentId, [row]);
      this.#hold(1);
      return undefined;
    }
    entry.children.push(row);
    this.#hold(1);
    if (entry.expected === undefined || entry.children.length < entry.expected) return undefined;
    this.#parents.delete(parentId);
    this.#held -= 1 + entry.children.length;
    return { parent: entry.parent, children: entry.children, complete: true };
  }

  /**
   * Ends the join: the parents still waiting (with the children they got, `complete: false`
   * unless they announced no count) and the children whose parent never came, by parent id.
   */
  finish(): { incomplete: JoinedBulkRow<R>[]; orphans: Map<string, R[]> } {
    const incomplete = [...this.#parents.values()].map((entry) => ({
      parent: entry.parent,
      children: entry.children,
      complete: entry.expected === undefined,
    }));
    const orphans = new Map(this.#orphans);
    this.#parents.clear();
    this.#orphans.clear();
    this.#held = 0;
    return { incomplete, orphans };
  }

  #hold(rows: number): void {
    this.#held += rows;
    if (this.#held > this.#highWater) this.#highWater = this.#held;
  }
}
