import { applyPatches, type SimIssue } from './apply-patch.js';
import type { SimulatorRuntime } from './simulator.js';

/** Runs a JSON_LISTINGS_FEED document against the listings and returns its processing report. */
export function processListingsFeed(rt: SimulatorRuntime, feedId: string, text: string): Record<string, unknown> {
  let document: { header?: { sellerId?: string }; messages?: unknown[] };
  try {
    document = JSON.parse(text) as typeof document;
  } catch {
    return report(feedId, [{ code: '100001', message: 'The feed document is not valid JSON.', severity: 'ERROR' }], 0, 0);
  }
  const issues: (SimIssue & { messageId?: number; sku?: string })[] = [];
  const messages = Array.isArray(document.messages) ? document.messages : [];
  if (document.header?.sellerId !== rt.sellerId) issues.push({ code: '100002', message: 'header.sellerId does not match the seller.', severity: 'ERROR' });
  let accepted = 0;
  for (const raw of messages) {
    const message = raw as { messageId?: number; sku?: string; operationType?: string; productType?: string; patches?: unknown };
    const own = (issue: SimIssue) => issues.push({ ...issue, ...(message.messageId !== undefined ? { messageId: message.messageId } : {}), ...(message.sku ? { sku: message.sku } : {}) });
    const listing = message.sku ? rt.state.listings.get(message.sku) : undefined;
    if (message.operationType === 'DELETE') {
      if (message.sku && rt.state.listings.delete(message.sku)) accepted++;
      else own({ code: '4000003', message: `SKU '${message.sku}' not found.`, severity: 'ERROR' });
      continue;
    }
    if (message.operationType !== 'PATCH' || !message.productType) {
      own({ code: '4000004', message: `Unsupported operationType ${message.operationType} in this simulator, or productType missing.`, severity: 'ERROR' });
      continue;
    }
    if (!listing) {
      own({ code: '4000003', message: `SKU '${message.sku}' has no listing to patch.`, severity: 'ERROR' });
      continue;
    }
    const result = applyPatches(listing, message.patches, rt.currency);
    if (!result.listing) {
      for (const issue of result.issues) own(issue);
      continue;
    }
    rt.state.listings.set(listing.sku, { ...result.listing, updatedAt: rt.clock.now() });
    accepted++;
  }
  return report(feedId, issues, messages.length, accepted, rt.sellerId);
}

function report(feedId: string, issues: (SimIssue & { messageId?: number; sku?: string })[], processed: number, accepted: number, sellerId = 'unknown'): Record<string, unknown> {
  const errors = issues.filter((issue) => issue.severity === 'ERROR').length;
  return {
    header: { sellerId, version: '2.0', feedId },
    issues: issues.map(({ attributeNames, ...issue }) => ({ ...issue, ...(attributeNames?.[0] ? { attributeName: attributeNames[0] } : {}) })),
    summary: { errors, warnings: issues.length - errors, messagesProcessed: processed, messagesAccepted: accepted, messagesInvalid: processed - accepted },
  };
}
