import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  buildListingsFeeds,
  parseListingsFeedReport,
  quantityPatch,
  runFeedJob,
  startFeedJob,
} from '../../../src/connectors/amazon/index.js';
import { money } from '../../../src/model/money.js';
import { readJsonSpec } from '../../fixtures/specs.js';
import { setup, useMsw } from './harness.js';

const server = useMsw();
const ajv = new Ajv({ strict: false, allErrors: true });
const reportSchema = ajv.compile(readJsonSpec<object>('amazon-sp-api/listings-feed-processing-report-schema-v2.json'));
const SUBMITTED = [
  { messageId: 1, sku: 'A' },
  { messageId: 2, sku: 'B' },
  { messageId: 3, sku: 'C' },
];

/** A processing report built field by field from the schema, and checked against it. */
function report(issues: Record<string, unknown>[], summary: { processed: number; accepted: number }) {
  const errors = issues.filter((issue) => issue.severity === 'ERROR').length;
  const built = {
    header: { sellerId: 'A1SELLER', version: '2.0', feedId: '50001' },
    issues,
    summary: {
      errors,
      warnings: issues.length - errors,
      messagesProcessed: summary.processed,
      messagesAccepted: summary.accepted,
      messagesInvalid: summary.processed - summary.accepted,
    },
  };
  expect(reportSchema(built), JSON.stringify(reportSchema.errors)).toBe(true);
  return built;
}

const statuses = (built: unknown) =>
  parseListingsFeedReport(built, SUBMITTED)
    ._unsafeUnwrap()
    .outcomes.map((outcome) => [outcome.sku, outcome.status]);

describe('JSON_LISTINGS_FEED processing reports, as the schema allows them', () => {
  it('reads issues that have only severity and message (code is optional in the schema)', () => {
    const built = report(
      [
        { messageId: 2, sku: 'B', severity: 'ERROR', message: "'[brand]' is required but not supplied." },
        { severity: 'WARNING', message: 'Some listings are slow to update.' },
      ],
      { processed: 3, accepted: 2 },
    );
    const parsed = parseListingsFeedReport(built, SUBMITTED)._unsafeUnwrap();
    expect(parsed.outcomes.map((outcome) => [outcome.sku, outcome.status, outcome.accepted])).toEqual([
      ['A', 'accepted', true],
      ['B', 'invalid', false],
      ['C', 'accepted', true],
    ]);
    expect(parsed.outcomes[1]!.issues).toEqual([
      { messageId: 2, sku: 'B', severity: 'ERROR', message: "'[brand]' is required but not supplied." },
    ]);
    expect(parsed.feedIssues).toEqual([{ severity: 'WARNING', message: 'Some listings are slow to update.' }]);
  });

  it('confirms no message when the feed itself has an ERROR', () => {
    expect(
      statuses(
        report([{ severity: 'ERROR', message: 'The feed document could not be read.' }], { processed: 0, accepted: 0 }),
      ),
    ).toEqual([
      ['A', 'unconfirmed'],
      ['B', 'unconfirmed'],
      ['C', 'unconfirmed'],
    ]);
  });

  it('confirms no message when fewer messages were processed than submitted', () => {
    expect(statuses(report([], { processed: 0, accepted: 0 }))).toEqual([
      ['A', 'unconfirmed'],
      ['B', 'unconfirmed'],
      ['C', 'unconfirmed'],
    ]);
    expect(
      statuses(
        report([{ messageId: 1, sku: 'A', severity: 'ERROR', message: 'Invalid.' }], { processed: 2, accepted: 1 }),
      ),
    ).toEqual([
      ['A', 'invalid'],
      ['B', 'unconfirmed'],
      ['C', 'unconfirmed'],
    ]);
  });

  it('confirms no clean message when fewer were accepted than have no error', () => {
    expect(statuses(report([], { processed: 3, accepted: 2 }))).toEqual([
      ['A', 'unconfirmed'],
      ['B', 'unconfirmed'],
      ['C', 'unconfirmed'],
    ]);
  });

  it('still refuses a report that breaks the schema (an issue without severity or message)', () => {
    expect(
      parseListingsFeedReport(
        { header: {}, issues: [{ messageId: 1, message: 'x' }], summary: {} },
        SUBMITTED,
      )._unsafeUnwrapErr().reason,
    ).toBe('invalid_report');
    expect(
      parseListingsFeedReport(
        { header: {}, issues: [{ messageId: 1, severity: 'ERROR' }], summary: {} },
        SUBMITTED,
      )._unsafeUnwrapErr().reason,
    ).toBe('invalid_report');
  });

  it('a feed the simulator refuses as a whole leaves every message unconfirmed and every listing untouched', async () => {
    const { amazon, simulator, clock } = setup(server);
    for (const sku of ['A', 'B']) simulator.addListing({ sku, price: money(100, 'USD'), quantity: 1 });
    const [document] = buildListingsFeeds({
      sellerId: 'ANOTHER-SELLER',
      changes: ['A', 'B'].map((sku) => ({ sku, productType: 'PRODUCT', patches: [quantityPatch(9)] })),
    });
    const final = await clock.drive(() => runFeedJob(amazon.client, startFeedJob(document!), { clock }));
    expect(final.report!.feedIssues).toEqual([
      expect.objectContaining({ severity: 'ERROR', message: expect.stringContaining('ANOTHER-SELLER') }),
    ]);
    expect(final.report!.outcomes.map((outcome) => outcome.status)).toEqual(['unconfirmed', 'unconfirmed']);
    expect([...simulator.state.listings.values()].map((listing) => listing.quantity)).toEqual([1, 1]);
  });

  it('updateListings via a feed reports unconfirmed messages as retryable failures, not successes', async () => {
    // The simulator's seller is another one than the connector's, so Amazon refuses the feed whole.
    const { amazon, simulator, clock } = setup(server, { sellerId: 'A2OTHER' });
    for (const sku of ['A', 'B']) simulator.addListing({ sku, price: money(100, 'USD'), quantity: 1 });
    const result = await clock.drive(() =>
      amazon.updateListings(
        [
          { sku: 'A', quantity: 5 },
          { sku: 'B', quantity: 6 },
        ],
        { via: 'feed' },
      ),
    );
    expect(result.failed).toBe(2);
    expect(result.items[0]).toMatchObject({
      ok: false,
      error: { retryable: true, message: expect.stringContaining('did not confirm') },
    });
  });
});
