import { ImportFormatError } from './import-format-error.js';
import { lineBatches } from './text.js';

/**
 * One parsed value, or why the text at that position could not be read; with the 1-based line
 * (and column) where it is, when the format has lines.
 */
export type ParsedValue =
  | { ok: true; value: unknown; line?: number }
  | { ok: false; message: string; line?: number; column?: number };

/**
 * Streams JSON Lines: one value per non-blank line, an array of them per text chunk.
 * @example
 * ```ts
 * for await (const batch of jsonLineBatches(textChunks(body))) for (const item of batch) if (item.ok) console.log(item.value);
 * ```
 */
export async function* jsonLineBatches(chunks: AsyncIterable<string>): AsyncGenerator<ParsedValue[]> {
  let number = 0;
  for await (const lines of lineBatches(chunks)) {
    const batch: ParsedValue[] = [];
    for (const line of lines) {
      number++;
      if (line.trim() === '') continue;
      const parsed = parse(line);
      batch.push(
        parsed.ok
          ? { ok: true, value: parsed.value, line: number }
          : { ok: false, message: `Line ${number}: ${parsed.message}`, line: number },
      );
    }
    if (batch.length > 0) yield batch;
  }
}

/**
 * Streams JSON Lines: one value per non-blank line.
 * @example
 * ```ts
 * for await (const item of jsonLines(textChunks(body))) if (item.ok) console.log(item.value);
 * ```
 */
export async function* jsonLines(chunks: AsyncIterable<string>): AsyncGenerator<ParsedValue> {
  for await (const batch of jsonLineBatches(chunks)) yield* batch;
}

/**
 * Streams the elements of a top-level JSON array without holding the whole document: it
 * tracks nesting and strings to find where each element ends.
 * @example
 * ```ts
 * for await (const item of jsonArray(textChunks(body))) if (item.ok) console.log(item.value);
 * ```
 */
export async function* jsonArray(chunks: AsyncIterable<string>): AsyncGenerator<ParsedValue> {
  let started = false;
  let ended = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i] as string;
      if (!started) {
        if (ch === '[') started = true;
        else if (!/\s/.test(ch) && ch !== '\ufeff')
          throw new ImportFormatError(
            'not_an_array',
            'A JSON import must be an array of objects: expected "[" at the start.',
          );
        continue;
      }
      if (ended) {
        if (!/\s/.test(ch))
          throw new ImportFormatError('text_after_array', 'Unexpected text after the closing "]" of the JSON array.');
        continue;
      }
      if (inString) {
        element += ch;
        if (escaped) escaped = false;
        else if (ch === '\\') escaped = true;
        else if (ch === '"') inString = false;
        continue;
      }
      if (depth === 0 && (ch === ',' || ch === ']')) {
        if (element.trim() !== '') yield parse(element);
        else if (ch === ',') yield { ok: false, message: 'Empty element between commas.' };
        element = '';
        if (ch === ']') ended = true;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
      element += ch;
    }
  }
  if (!started || !ended)
    throw new ImportFormatError('unclosed_array', 'The JSON array is not closed: the input ended early.');
}

function parse(text: string): ParsedValue {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
