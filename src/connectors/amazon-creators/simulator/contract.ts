/**
 * The Creators API contract as Amazon's Creators API SDK (2025) has it, written down here on
 * its own (not taken from the connector, so that a connector mistake fails against it): token
 * endpoints and scopes per credential version, the `Authorization` header, the fields of
 * `GetItemsRequestContent` and `SearchItemsRequestContent`, their resources and limits.
 */

/**
 * Token endpoint, grant encoding and scope of each credential version.
 *
 * @example
 * ```ts
 * CREATORS_CREDENTIAL_VERSIONS['2.2'].scope; // 'creatorsapi/default'
 * ```
 *
 * @category Simulator
 */
export const CREATORS_CREDENTIAL_VERSIONS: Readonly<
  Record<string, { tokenUrl: string; encoding: 'json' | 'form'; scope: string }>
> = {
  '2.1': {
    tokenUrl: 'https://creatorsapi.auth.us-east-1.amazoncognito.com/oauth2/token',
    encoding: 'form',
    scope: 'creatorsapi/default',
  },
  '2.2': {
    tokenUrl: 'https://creatorsapi.auth.eu-south-2.amazoncognito.com/oauth2/token',
    encoding: 'form',
    scope: 'creatorsapi/default',
  },
  '2.3': {
    tokenUrl: 'https://creatorsapi.auth.us-west-2.amazoncognito.com/oauth2/token',
    encoding: 'form',
    scope: 'creatorsapi/default',
  },
  '3.1': { tokenUrl: 'https://api.amazon.com/auth/o2/token', encoding: 'json', scope: 'creatorsapi::default' },
  '3.2': { tokenUrl: 'https://api.amazon.co.uk/auth/o2/token', encoding: 'json', scope: 'creatorsapi::default' },
  '3.3': { tokenUrl: 'https://api.amazon.co.jp/auth/o2/token', encoding: 'json', scope: 'creatorsapi::default' },
};

/**
 * The `Authorization` header a token of a credential version must come with: `, Version` for 2.x only.
 *
 * @example
 * ```ts
 * expectedCreatorsAuthorization('tok', '2.1'); // 'Bearer tok, Version 2.1'
 * ```
 *
 * @category Simulator
 */
export function expectedCreatorsAuthorization(token: string, version: string): string {
  return CREATORS_CREDENTIAL_VERSIONS[version]?.encoding === 'form'
    ? `Bearer ${token}, Version ${version}`
    : `Bearer ${token}`;
}

const ITEM_RESOURCES = [
  'browseNodeInfo.browseNodes',
  'browseNodeInfo.browseNodes.ancestor',
  'browseNodeInfo.browseNodes.salesRank',
  'browseNodeInfo.websiteSalesRank',
  'customerReviews.count',
  'customerReviews.starRating',
  'images.primary.small',
  'images.primary.medium',
  'images.primary.large',
  'images.primary.highRes',
  'images.variants.small',
  'images.variants.medium',
  'images.variants.large',
  'images.variants.highRes',
  'itemInfo.byLineInfo',
  'itemInfo.contentInfo',
  'itemInfo.contentRating',
  'itemInfo.classifications',
  'itemInfo.externalIds',
  'itemInfo.features',
  'itemInfo.manufactureInfo',
  'itemInfo.productInfo',
  'itemInfo.technicalInfo',
  'itemInfo.title',
  'itemInfo.tradeInInfo',
  'offersV2.listings.availability',
  'offersV2.listings.condition',
  'offersV2.listings.dealDetails',
  'offersV2.listings.isBuyBoxWinner',
  'offersV2.listings.loyaltyPoints',
  'offersV2.listings.merchantInfo',
  'offersV2.listings.price',
  'offersV2.listings.type',
  'parentASIN',
];

/**
 * What a `getItems` or `searchItems` body may hold, and the resources it may ask for.
 *
 * @example
 * ```ts
 * CREATORS_REQUEST_CONTRACT.getItems.fields.has('itemIdType'); // false
 * ```
 *
 * @category Simulator
 */
export const CREATORS_REQUEST_CONTRACT = {
  getItems: {
    fields: new Set([
      'partnerTag',
      'itemIds',
      'condition',
      'currencyOfPreference',
      'languagesOfPreference',
      'properties',
      'resources',
    ]),
    resources: new Set(ITEM_RESOURCES),
  },
  searchItems: {
    fields: new Set([
      'actor',
      'artist',
      'author',
      'availability',
      'brand',
      'browseNodeId',
      'condition',
      'currencyOfPreference',
      'deliveryFlags',
      'itemCount',
      'itemPage',
      'keywords',
      'languagesOfPreference',
      'maxPrice',
      'minPrice',
      'minReviewsRating',
      'minSavingPercent',
      'partnerTag',
      'properties',
      'resources',
      'searchIndex',
      'sortBy',
      'title',
    ]),
    resources: new Set([...ITEM_RESOURCES, 'searchRefinements']),
  },
} as const;

/**
 * One field of a `ValidationException` answer.
 *
 * @category Simulator
 */
export interface CreatorsFieldProblem {
  name: string;
  message: string;
}

const wholeIn = (value: unknown, min: number, max: number) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/**
 * Every way a request body breaks its operation's contract; empty when it conforms.
 *
 * @example
 * ```ts
 * creatorsRequestProblems('getItems', { partnerTag: 'tag-20', itemIds: ['B07N4M94X4'] }); // []
 * ```
 *
 * @category Simulator
 */
export function creatorsRequestProblems(operation: 'getItems' | 'searchItems', body: unknown): CreatorsFieldProblem[] {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return [{ name: 'body', message: 'The body must be a JSON object.' }];
  const fields = body as Record<string, unknown>;
  const contract = CREATORS_REQUEST_CONTRACT[operation];
  const problems: CreatorsFieldProblem[] = [];
  for (const name of Object.keys(fields))
    if (!contract.fields.has(name))
      problems.push({ name, message: `${name} is not a field of the ${operation} request.` });
  if (typeof fields.partnerTag !== 'string' || !/\S/.test(fields.partnerTag) || fields.partnerTag.length > 64)
    problems.push({ name: 'partnerTag', message: 'partnerTag is required (your tracking id, at most 64 characters).' });
  const resources = fields.resources;
  if (resources !== undefined) {
    if (!Array.isArray(resources) || resources.length > 100)
      problems.push({ name: 'resources', message: 'resources is a list of at most 100 resources.' });
    else
      for (const resource of resources)
        if (!contract.resources.has(String(resource)))
          problems.push({ name: 'resources', message: `${String(resource)} is not a resource of ${operation}.` });
  }
  if (fields.condition !== undefined && fields.condition !== 'Any' && fields.condition !== 'New')
    problems.push({ name: 'condition', message: 'condition is Any or New.' });
  if (operation === 'getItems') {
    const ids = fields.itemIds;
    if (
      !Array.isArray(ids) ||
      ids.length < 1 ||
      ids.length > 10 ||
      !ids.every((id) => typeof id === 'string' && id !== '')
    )
      problems.push({ name: 'itemIds', message: 'itemIds is a list of 1 to 10 item ids.' });
  } else {
    if (fields.itemCount !== undefined && !wholeIn(fields.itemCount, 1, 100))
      problems.push({ name: 'itemCount', message: 'itemCount is from 1 to 100.' });
    if (fields.itemPage !== undefined && !wholeIn(fields.itemPage, 1, 10))
      problems.push({ name: 'itemPage', message: 'itemPage is from 1 to 10.' });
    if (
      !['keywords', 'actor', 'artist', 'author', 'brand', 'title', 'browseNodeId'].some(
        (name) => typeof fields[name] === 'string' && /\S/.test(fields[name] as string),
      )
    ) {
      problems.push({
        name: 'keywords',
        message: 'Give keywords (or actor, artist, author, brand, title or browseNodeId).',
      });
    }
  }
  return problems;
}
