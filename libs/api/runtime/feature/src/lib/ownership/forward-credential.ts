import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a forwarded request carries: `<unix ms>.<hex HMAC-SHA256 of "<unix ms>.<body>">`. */
export const FORWARD_HEADER = 'x-mcp-fleet-forwarded';
/** A signature older (or newer) than this is refused: a captured request cannot be replayed later. */
const MAX_SKEW_MS = 60_000;

/**
 * The credential of one replica calling another. Its key is derived from the access-token
 * secret, which every replica of one database already shares.
 */
export class ForwardCredential {
  private readonly key: Buffer;

  constructor(jwtSecret: string) {
    this.key = createHmac('sha256', jwtSecret).update('mcp-fleet forwarded command v1').digest();
  }

  sign(body: string, now = Date.now()): string {
    return `${now}.${this.mac(now, body)}`;
  }

  verify(header: string | undefined, body: string, now = Date.now()): boolean {
    const match = /^(\d{1,16})\.([0-9a-f]{64})$/.exec(header ?? '');
    if (!match) {
      return false;
    }
    const at = Number(match[1]);
    if (Math.abs(now - at) > MAX_SKEW_MS) {
      return false;
    }
    return timingSafeEqual(Buffer.from(match[2], 'hex'), Buffer.from(this.mac(at, body), 'hex'));
  }

  private mac(at: number, body: string): string {
    return createHmac('sha256', this.key).update(`${at}.${body}`).digest('hex');
  }
}
