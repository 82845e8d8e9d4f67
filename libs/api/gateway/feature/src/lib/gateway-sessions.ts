import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { Injectable, type OnModuleDestroy } from '@nestjs/common';

import { KeyRing } from '@mcp-fleet/api/shared/config';
import type { Principal } from '@mcp-fleet/shared/contracts';

import { gatewaySessions } from './gateway-metrics';

/** What a session id carries: who opened it and the protocol revision agreed at `initialize`. */
export interface SessionClaims {
  principal: string;
  protocolVersion: string;
}

const ACTIVE_MS = 10 * 60_000;
const ENDED_MAX = 100_000;
const VERIFIED_MAX = 50_000;

/**
 * Session ids of session-era clients (`Mcp-Session-Id`), signed with the replicas' shared key:
 * any replica accepts a session opened on another, so no sticky load balancing is needed and
 * nothing about a session is stored. The id is bound to the principal that opened it (another
 * credential presenting it gets 404). `DELETE` ends it on the replica that hears it (ids of ended
 * sessions are remembered there; documented in docs/gateway.md).
 */
@Injectable()
export class GatewaySessions implements OnModuleDestroy {
  private readonly key: Buffer;
  private readonly lastSeen = new Map<string, number>();
  private readonly ended = new Set<string>();
  /** Ids already verified, with whose they are: a session's later requests skip the HMAC and the parse. */
  private readonly verified = new Map<string, { principal: string; protocolVersion: string }>();
  private readonly timer: NodeJS.Timeout;

  constructor(keys: KeyRing) {
    this.key = createHmac('sha256', keys.jwtSecret).update('mcp-fleet gateway sessions').digest();
    this.timer = setInterval(() => this.prune(), 10_000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  open(principal: Principal, protocolVersion: string): string {
    const body = Buffer.from(
      JSON.stringify({ p: principalKey(principal), v: protocolVersion, n: randomBytes(9).toString('base64url') }),
    ).toString('base64url');
    const id = `${body}.${this.sign(body)}`;
    this.touch(id);
    return id;
  }

  /** The claims of a valid, live session of this principal; undefined otherwise (answer 404). */
  verify(id: string, principal: Principal): SessionClaims | undefined {
    if (this.ended.has(id)) {
      return undefined;
    }
    const known = this.verified.get(id);
    if (known) {
      if (known.principal !== principalKey(principal)) {
        return undefined;
      }
      this.touch(id);
      return known;
    }
    const dot = id.indexOf('.');
    if (dot <= 0) {
      return undefined;
    }
    const body = id.slice(0, dot);
    const given = Buffer.from(id.slice(dot + 1));
    const expected = Buffer.from(this.sign(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return undefined;
    }
    let claims: { p?: unknown; v?: unknown };
    try {
      claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as { p?: unknown; v?: unknown };
    } catch {
      return undefined;
    }
    if (typeof claims.p !== 'string' || typeof claims.v !== 'string') {
      return undefined;
    }
    if (this.verified.size >= VERIFIED_MAX) {
      this.verified.clear();
    }
    const verified = { principal: claims.p, protocolVersion: claims.v };
    this.verified.set(id, verified);
    if (claims.p !== principalKey(principal)) {
      return undefined;
    }
    this.touch(id);
    return verified;
  }

  end(id: string): void {
    if (this.ended.size >= ENDED_MAX) {
      this.ended.clear();
    }
    this.ended.add(id);
    this.verified.delete(id);
    this.lastSeen.delete(id);
    gatewaySessions.set(this.lastSeen.size);
  }

  get active(): number {
    return this.lastSeen.size;
  }

  private touch(id: string): void {
    const fresh = !this.lastSeen.has(id);
    this.lastSeen.set(id, Date.now());
    if (fresh) {
      gatewaySessions.set(this.lastSeen.size);
    }
  }

  private prune(): void {
    const cutoff = Date.now() - ACTIVE_MS;
    for (const [id, seen] of this.lastSeen) {
      if (seen < cutoff) {
        this.lastSeen.delete(id);
      }
    }
    gatewaySessions.set(this.lastSeen.size);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function principalKey(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
