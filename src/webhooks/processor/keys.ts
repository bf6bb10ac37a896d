/**
 * Store keys of the webhook processor, all under one tenant's prefix.
 *
 * @example
 * ```ts
 * const keys = webhookKeys('shop-1'); keys.seen('shopify', 'evt-1');
 * ```
 */
export function webhookKeys(tenantId: string) {
  const base = `webhooks:${encodeURIComponent(tenantId)}:`;
  const id = (platform: string, eventId: string) => `${encodeURIComponent(platform)}:${encodeURIComponent(eventId)}`;
  return {
    seen: (platform: string, eventId: string) => `${base}seen:${id(platform, eventId)}`,
    seenAt: (letterId: string) => `${base}seen:${letterId}`,
    retryPrefix: `${base}retry:`,
    retry: (letterId: string) => `${base}retry:${letterId}`,
    deadPrefix: `${base}dead:`,
    dead: (letterId: string) => `${base}dead:${letterId}`,
    id,
  };
}

/**
 * Backoff before retry number `attempt` (1-based count of failures so far), with equal jitter.
 *
 * @example
 * ```ts
 * backoffMs(3, 1_000, 60_000, Math.random); // between 2,000 and 4,000
 * ```
 */
export function backoffMs(failures: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The message of whatever a handler threw, bounded in size.
 *
 * @example
 * ```ts
 * errorMessage(new Error('down')); // 'Error: down'
 * ```
 */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}
