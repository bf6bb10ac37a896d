/**
 * typedoc plugin: every export of every entry point has a `@category`, so each entry's page is
 * grouped for a reader instead of one flat list. An export without one is a warning, which
 * `treatWarningsAsErrors` turns into a failed `npm run docs`. `node scripts/add-categories.mjs`
 * tags what is missing from the rules in scripts/categories.mjs.
 */
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(
    Converter.EVENT_RESOLVE_END,
    (context) => {
      const defaultCategory = app.options.getValue('defaultCategory');
      for (const entry of context.project.children ?? []) {
        // A symbol another entry already documents is a reference to that page; it has no category of its own.
        const exports = (entry.children ?? []).filter((reflection) => reflection.kind !== ReflectionKind.Reference);
        if (exports.length === 0) continue;
        const uncategorised = exports.filter(
          (reflection) =>
            !entry.categories?.some((c) => c.title !== defaultCategory && c.children.includes(reflection)),
        );
        if (uncategorised.length > 0)
          app.logger.warn(
            `${entry.name}: ${uncategorised.length} export(s) without @category (run node scripts/add-categories.mjs): ${uncategorised
              .map((r) => r.name)
              .join(', ')}`,
          );
      }
      // After typedoc's own CategoryPlugin (priority -200) has grouped the exports.
    },
    -300,
  );
}
