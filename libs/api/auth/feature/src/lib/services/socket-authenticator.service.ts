import { Injectable } from '@nestjs/common';

import type { Principal } from '@mcp-fleet/shared/contracts';

import { PrincipalResolver } from './principal-resolver.service';

/** The parts of a Socket.IO handshake that carry credentials. */
export interface HandshakeCredentials {
  auth?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Authenticates a Socket.IO handshake with the same tokens as HTTP: `auth: { token }`
 * first, an `Authorization: Bearer` header second. Throws UNAUTHENTICATED otherwise.
 */
@Injectable()
export class SocketAuthenticator {
  constructor(private readonly principals: PrincipalResolver) {}

  authenticate(handshake: HandshakeCredentials): Promise<Principal> {
    const token = handshake.auth?.['token'];
    const header = handshake.headers?.['authorization'];
    const credential = typeof token === 'string' ? token : Array.isArray(header) ? header[0] : header;
    return this.principals.resolve(credential);
  }
}
