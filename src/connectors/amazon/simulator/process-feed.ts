import { applyPatches, type SimIssue } from './apply-patch.js';
import type { SimulatorRuntime } from './runtime.js';

type ReportIssue = SimIssue & { messageId?: number; sku?: string };

/**
 * Runs a JSON_LISTINGS_FEED document against the listings and returns its processing report
 * (listings-feed-processing-report-schema-v2). A document Amazon cannot take as a whole (not
 * JSON, a header for another seller or version) gets feed-level issues and no message is
 * processed; otherwise each message is applied or rejected on its own.
 */
export function processListingsFeed(rt: SimulatorRuntime, feedId: string, text: string): Record<string, unknown> {
  let document: { header?: { sellerId?: unknown; version?: unknown }; messages?: unknown[] };
  try {
    document = JSON.parse(text) as typeof document;
  } catch {
    return report(
      rt,
      feedId,
      [{ code: '100001', message: 'The feed document is not valid JSON.', severity: 'ERROR' }],
      0,
      0,
    );
  }
  const messages = Array.isArray(document.messages) ? document.messages : [];
  const feedIssues: ReportIssue[] = [];
  // Feed-level issues name no message and carry no code: the schema requires neither.
  if (document.header?.sellerId !== rt.sellerId)
    feedIssues.push({
      message: `header.sellerId ${String(document.header?.sellerId)} is not the seller that submitted the feed.`,
      severity: 'ERROR',
    });
  if (document.header?.version !== '2.0')
    feedIssues.push({ message: 'header.version must be "2.0".', severity: 'ERROR' });
  if (feedIssues.length > 0) return report(rt, feedId, feedIssues, 0, 0);
  const issues: ReportIssue[] = [];
  let accepted = 0;
  for (const raw of messages) {
    const message = raw as {
      messageId?: number;
      sku?: string;
      operationType?: string;
      productType?: string;
      patches?: unknown;
    };
    const own = (issue: SimIssue) =>
      issues.push({
        ...issue,
        ...(message.messageId !== undefined ? { messageId: message.messageId } : {}),
        ...(message.sku ? { sku: message.sku } : {}),
      });
    const listing = message.sku ? rt.state.listings.get(message.sku) : undefined;
    if (message.operationType === 'DELETE') {
      if (message.sku && rt.state.listings.delete(message.sku)) accepted++;
      else own({ code: '4000003', message: `SKU '${message.sku}' not found.`, severity: 'ERROR' });
      continue;
    }
    if (message.operationType !== 'PATCH' || !message.productType) {
      own({
        code: '4000004',
        message: `Unsupported operationType ${message.operationType} in this simulator, or productType missing.`,
        severity: 'ERROR',
      });
      continue;
    }
    if (!listing) {
      own({ code: '4000003', message: `SKU '${message.sku}' has no listing to patch.`, severity: 'ERROR' });
      continue;
    }
    const result = applyPatches(listing, message.patches, rt);
    if (!result.listing) {
      for (const issue of result.issues) own(issue);
      continue;
    }
    rt.state.listings.set(listing.sku, { ...result.listing, updatedAt: rt.clock.now() });
    accepted++;
  }
  return report(rt, feedId, issues, messages.length, accepted);
}

function report(
  rt: SimulatorRuntime,
  feedId: string,
  issues: ReportIssue[],
  processed: number,
  accepted: number,
): Record<string, unknown> {
  const errors = issues.filter((issue) => issue.severity === 'ERROR').length;
  return {
    header: { sellerId: rt.sellerId, version: '2.0', feedId },
    issues: issues.map(({ attributeNames, ...issue }) => ({
      ...issue,
      ...(attributeNames?.[0] ? { attributeName: attributeNames[0] } : {}),
    })),
    summary: {
      errors,
      warnings: issues.length - errors,
      messagesProcessed: processed,
      messagesAccepted: accepted,
      messagesInvalid: processed - accepted,
    },
  };
}
