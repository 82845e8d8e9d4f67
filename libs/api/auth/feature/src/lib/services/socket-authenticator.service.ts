import { Injectable } from '@nestjs/common';

import { CredentialVerifier, type HandshakeCredentials } from '@mcp-fleet/api/shared/authz';
import type { Principal } from '@mcp-fleet/shared/contracts';

import { PrincipalResolver } from './principal-resolver.service';

/**
 * Authenticates a Socket.IO handshake with the same tokens as HTTP: `auth: { token }`
 * first, an `Authorization: Bearer` header second. Throws UNAUTHENTICATED otherwise.
 */
@Injectable()
export class SocketAuthenticator implements CredentialVerifier {
  constructor(private readonly principals: PrincipalResolver) {}

  authenticate(handshake: HandshakeCredentials): Promise<Principal> {
    const token = handshake.auth?.['token'];
    const header = handshake.headers?.['authorization'];
    const credential = typeof token === 'string' ? token : Array.isArray(header) ? header[0] : header;
    return this.principals.resolve(credential);
  }
}
