/**
 * The reference's categories: which `@category` an exported symbol gets, from the file that
 * declares it. The first rule whose pattern matches the path (relative to the project, with `/`)
 * wins. `node scripts/categories.mjs` adds the tag to every public export that has none; the
 * typedoc plugin beside this file (typedoc-categories.mjs) fails `npm run docs` when an export
 * has none, so a new export is categorised either by hand or by running this script.
 */

/** Rules for files inside one connector folder (`src/connectors/<name>/...`), matched on the rest of the path. */
const connectorRules = [
  [/^simulator\//, 'Simulator'],
  [/^(notifications\/|webhook|compliance-webhooks|subscriptions)/, 'Webhooks and notifications'],
  [/^(auth|oauth|session-token|token|scopes|shop-domain)\.ts$|^transport\/lwa-auth\.ts$/, 'Authorization'],
  [
    /^(limits|classify|classifier|header-feedback|cost-planner|query-cost)|^transport\/budget-scope\.ts$/,
    'Rate limits',
  ],
  [/^(mapper|platform-mapper|webhook-mapper|gid|types)(\.ts$|\/)/, 'Platform types and mapping'],
  [
    /^([a-z-]+-marketplace|definition|config|environments|client|endpoints|api-version|marketplaces|sites|errors|operation-names|operations-table)\.ts$/,
    'Marketplace',
  ],
];

/** Rules for the rest of `src/`, matched on the path below `src/`. */
const rules = [
  // marketbridge (root)
  [/^core\/errors\//, 'Errors'],
  [/^core\/(events|logger)\.ts$/, 'Events and logging'],
  [/^core\/(base-marketplace-api|capabilities|batch|checked-batch|queries)\.ts$/, 'Marketplace contract'],
  [/^core\/(marketplace-factory|define-marketplace|default-factory|environments)\.ts$/, 'Factory'],
  [/^core\//, 'Context'],
  [/^model\/(money|money-text|currency)\.ts$/, 'Money'],
  [/^model\//, 'Canonical model'],
  [/^stores\//, 'Stores'],
  // marketbridge/http
  [/^http\/rate-limit\//, 'Rate limiting'],
  [/^http\/circuit-breaker\.ts$/, 'Circuit breaker'],
  [/^http\/(retry|retry-after|outcome)\.ts$/, 'Retry'],
  [/^http\/(classify|header-feedback|feedback-types)\.ts$/, 'Classifiers and feedback'],
  [/^http\/pagination\.ts$/, 'Pagination'],
  [/^http\/jobs\//, 'Async jobs'],
  [/^http\/ledger\.ts$/, 'Ledger'],
  [/^http\//, 'Client'],
  // marketbridge/auth
  [/^auth\/(credential-store|token-record|keyring|aes-gcm)\.ts$/, 'Credential storage'],
  [/^auth\//, 'OAuth'],
  // marketbridge/webhooks
  [/^webhooks\/verify\//, 'Verifiers'],
  [/^webhooks\/processor\//, 'Processor'],
  [/^webhooks\//, 'HTTP handlers'],
  // marketbridge/sync
  [/^sync\/mapper\//, 'Data mapper'],
  [/^sync\/resolver\//, 'Conflict resolver'],
  [/^sync\/inventory\//, 'Inventory sync'],
  [/^sync\/import\//, 'Import'],
  [/^sync\//, 'Sync'],
  // marketbridge/safety
  [/^safety\/(adapter\/|real-world-adapter\.ts$)/, 'Real-world adapter'],
  [/^safety\/compliance\.ts$/, 'Compliance'],
  [/^safety\//, 'Validator'],
  // the other entries
  [/^simulated\//, 'Simulated marketplace'],
  [/^testing\/(fake-clock|assert)\.ts$/, 'Clock and assertions'],
  [/^testing\/store-conformance\.ts$/, 'Conformance'],
  [/^testing\/pipeline\//, 'Pipeline simulator'],
  [/^testing\/webhooks\//, 'Signing'],
  [/^testing\//, 'Testing'],
  [/^adapters\//, 'Runtime adapters'],
  [/^schedulers\//, 'Schedulers'],
  [/^streams\//, 'Streams'],
  [/^(otel|otel\/)/, 'OpenTelemetry'],
  [/^(health|health\/)/, 'Health'],
  [/^cli\//, 'CLI'],
];

/**
 * The category of a symbol declared in `file` (a path relative to the project root).
 *
 * @param {string} file
 * @returns {string | undefined}
 */
export function categoryOf(file) {
  const path = file.replaceAll('\\', '/').replace(/^\.\//, '');
  if (!path.startsWith('src/')) return undefined;
  const inSrc = path.slice('src/'.length);
  const connector = /^connectors\/[^/]+\/(.*)$/.exec(inSrc);
  if (connector) {
    const rest = connector[1];
    for (const [pattern, category] of connectorRules) if (pattern.test(rest)) return category;
    return 'Operations';
  }
  for (const [pattern, category] of rules) if (pattern.test(inSrc)) return category;
  return undefined;
}
