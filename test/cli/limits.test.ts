import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('marketbridge limits', () => {
  it('prints the tables of every built-in connector', async () => {
    const { code, stdout } = await cli(['limits']);
    expect(code).toBe(0);
    for (const title of [
      'Shopify GraphQL Admin API',
      'Amazon SP-API',
      'bol.com Retailer API',
      'eBay default call limits',
      'MercadoLibre default budgets',
    ])
      expect(stdout).toContain(title);
  });

  it('gives one platform as JSON, with the figures the connectors use', async () => {
    const bol = JSON.parse((await cli(['limits', '--platform', 'bol', '--json'])).stdout) as {
      bol: { group: string; limit: number; windowMs: number; operations: string }[];
    };
    expect(Object.keys(bol)).toEqual(['bol']);
    expect(bol.bol.find((row) => row.group === 'orders-list')).toEqual({
      group: 'orders-list',
      limit: 7,
      windowMs: 180_000,
      operations: 'getOrders',
    });
    const ebay = JSON.parse((await cli(['--json', 'limits', '--platform', 'ebay'])).stdout) as {
      ebay: { api: string; callsPerDay: number }[];
    };
    expect(ebay.ebay.find((row) => row.api === 'inventory')?.callsPerDay).toBe(2_000_000);
    const meli = JSON.parse((await cli(['limits', '--platform', 'mercadolibre', '--json'])).stdout) as {
      mercadolibre: { resource: string; burst: number }[];
    };
    expect(meli.mercadolibre.find((row) => row.resource === 'items-write')?.burst).toBe(10);
  });

  it('refuses a platform it has no table for, with exit code 2', async () => {
    const { code, stdout } = await cli(['limits', '--platform', 'etsy', '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error).toMatch(
      /--platform must be one of shopify, amazon, bol, ebay, mercadolibre; got "etsy"/,
    );
  });
});
