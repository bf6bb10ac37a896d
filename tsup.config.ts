import { defineConfig, type Options } from 'tsup';
import { dropRedundantNames } from './scripts/redundant-names.js';

/**
 * One entry per public subpath. Keep this list in step with `exports` in package.json;
 * `test/package/exports.test.ts` fails when they drift apart.
 */
export const entries = {
  index: 'src/index.ts',
  'http/index': 'src/http/index.ts',
  'auth/index': 'src/auth/index.ts',
  'webhooks/index': 'src/webhooks/index.ts',
  'sync/index': 'src/sync/index.ts',
  'safety/index': 'src/safety/index.ts',
  'connectors/shopify/index': 'src/connectors/shopify/index.ts',
  'connectors/amazon/index': 'src/connectors/amazon/index.ts',
  'connectors/amazon-creators/index': 'src/connectors/amazon-creators/index.ts',
  'connectors/bol/index': 'src/connectors/bol/index.ts',
  'connectors/ebay/index': 'src/connectors/ebay/index.ts',
  'connectors/mercadolibre/index': 'src/connectors/mercadolibre/index.ts',
  'simulated/index': 'src/simulated/index.ts',
  'testing/index': 'src/testing/index.ts',
  'testing/msw/index': 'src/testing/msw/index.ts',
  'adapters/node/index': 'src/adapters/node.ts',
  'adapters/lambda/index': 'src/adapters/lambda.ts',
  'stores/redis/index': 'src/stores/redis.ts',
  'stores/postgres/index': 'src/stores/postgres.ts',
  'schedulers/bullmq/index': 'src/schedulers/bullmq.ts',
  'schedulers/pg-boss/index': 'src/schedulers/pg-boss.ts',
  'streams/redis/index': 'src/streams/redis.ts',
  'streams/websocket/index': 'src/streams/websocket.ts',
  'streams/sqs/index': 'src/streams/sqs.ts',
  'otel/index': 'src/otel.ts',
  'health/index': 'src/health.ts',
};

/** The library: every public entry, ESM and CJS with declarations. */
export const libraryConfig: Options = {
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  // `npm run build` empties dist first; both builds write into it at once.
  clean: false,
  // No source maps: the package ships no sources for them to point at, and with their embedded
  // sources they were 60% of dist/, which serverless deployments upload.
  sourcemap: false,
  splitting: true,
  treeshake: true,
  target: 'es2022',
  // Classes keep their names in the bundle: an uncaught error prints `ValidationError`, not the
  // `_ValidationError` esbuild gives a class that refers to itself.
  keepNames: true,
  // ... without keeping every function and class in a user's bundle (see scripts/redundant-names.ts).
  plugins: [
    {
      name: 'drop-redundant-names',
      renderChunk: (code, chunk) => (chunk.path.endsWith('.js') ? { code: dropRedundantNames(code) } : undefined),
    },
  ],
  platform: 'neutral',
  outDir: 'dist',
};

/** The `marketbridge` executable: ESM for Node, with its shebang; not a public import. */
export const cliConfig: Options = {
  entry: { index: 'src/cli/bin.ts' },
  format: ['esm'],
  dts: false,
  clean: false,
  sourcemap: false,
  splitting: true,
  target: 'node20',
  platform: 'node',
  outDir: 'dist/cli',
  keepNames: true,
  banner: { js: '#!/usr/bin/env node' },
};

export default defineConfig([libraryConfig, cliConfig]);
