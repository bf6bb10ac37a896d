import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createHmacVerifier } from '../../webhooks/verify/hmac.js';
import { createShopifyVerifier } from '../../connectors/shopify/webhook-verifier.js';
import { createStandardWebhooksVerifier } from '../../webhooks/verify/standard-webhooks.js';
import { createStripeStyleVerifier } from '../../webhooks/verify/stripe.js';
import type { WebhookVerifier } from '../../webhooks/verify/types.js';
import { CliError, emit, type CliIo } from '../output.js';
import { readSecret } from '../secrets.js';

const PLATFORMS = ['shopify', 'standard-webhooks', 'stripe-style', 'hmac'] as const;

function verifierFor(
  platform: string,
  secret: string,
  options: { signatureHeader?: string; encoding?: string },
): WebhookVerifier {
  switch (platform) {
    case 'shopify':
      return createShopifyVerifier({ secrets: [secret] });
    case 'standard-webhooks':
      return createStandardWebhooksVerifier({ secrets: [secret] });
    case 'stripe-style':
      return createStripeStyleVerifier({
        platform,
        secrets: [secret],
        ...(options.signatureHeader ? { header: options.signatureHeader } : {}),
      });
    case 'hmac':
      if (!options.signatureHeader) throw new CliError('The hmac platform needs --signature-header NAME.');
      return createHmacVerifier({
        platform,
        secrets: [secret],
        header: options.signatureHeader,
        ...(options.encoding === 'hex' || options.encoding === 'base64' ? { encoding: options.encoding } : {}),
      });
    default:
      throw new CliError(`Unknown platform "${platform}". Use one of: ${PLATFORMS.join(', ')}.`);
  }
}

async function readBody(from: string | undefined): Promise<Uint8Array> {
  if (from === undefined || from === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
  try {
    return new Uint8Array(readFileSync(from));
  } catch (error) {
    throw new CliError(`Cannot read the body from ${from}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
  }
}

/**
 * `marketbridge verify-webhook`: checks a raw body and its headers against a secret from the
 * environment or a file, and prints the verdict and the reason.
 *
 * @example
 * ```ts
 * registerVerifyWebhook(program, () => io);
 * ```
 */
export function registerVerifyWebhook(program: Command, io: (command: Command) => CliIo): void {
  program
    .command('verify-webhook')
    .description('verify a webhook: raw body from a file or stdin, headers, secret from the environment or a file')
    .requiredOption('--platform <platform>', `one of ${PLATFORMS.join(', ')}`)
    .option('--secret-env <name>', 'environment variable holding the secret')
    .option('--secret-file <path>', 'file holding the secret')
    .option('--body <path>', 'file with the raw body (default: stdin)')
    .option('-H, --header <header...>', 'a request header, "Name: value" (repeatable)')
    .option('--signature-header <name>', 'the signature header (hmac, stripe-style)')
    .option('--encoding <encoding>', 'hex or base64 (hmac)')
    .action(
      async (
        options: {
          platform: string;
          secretEnv?: string;
          secretFile?: string;
          body?: string;
          header?: string[];
          signatureHeader?: string;
          encoding?: string;
        },
        command: Command,
      ) => {
        const out = io(command);
        const secret = readSecret(
          out,
          {
            ...(options.secretEnv ? { env: options.secretEnv } : {}),
            ...(options.secretFile ? { file: options.secretFile } : {}),
          },
          'the webhook secret',
        );
        const verifier = verifierFor(options.platform, secret, options);
        const headers: Record<string, string> = {};
        for (const header of options.header ?? []) {
          const colon = header.indexOf(':');
          if (colon <= 0) throw new CliError(`Headers look like "Name: value"; got "${header}".`);
          headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
        }
        const result = await verifier.verify({ headers, body: await readBody(options.body) });
        const verdict = result.isOk()
          ? {
              valid: true,
              platform: options.platform,
              ...(result.value.topic ? { topic: result.value.topic } : {}),
              ...(result.value.eventId ? { eventId: result.value.eventId } : {}),
            }
          : { valid: false, platform: options.platform, reason: result.error.reason, message: result.error.message };
        emit(out, verdict, () =>
          verdict.valid
            ? `valid${'topic' in verdict ? ` (topic ${verdict.topic})` : ''}\n`
            : `invalid: ${verdict.reason}: ${verdict.message}\n`,
        );
        if (!verdict.valid) process.exitCode = 1;
      },
    );
}
