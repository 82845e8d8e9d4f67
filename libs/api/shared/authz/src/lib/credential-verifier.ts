import type { Principal } from '@mcp-fleet/shared/contracts';

/** The parts of a Socket.IO handshake that carry credentials. */
export interface HandshakeCredentials {
  auth?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}

/**
 * Port for authenticating non-HTTP callers (Socket.IO handshakes). The auth feature provides
 * it globally; other features inject this class without importing the auth feature.
 */
export abstract class CredentialVerifier {
  /** Resolves the principal, or throws UNAUTHENTICATED. */
  abstract authenticate(handshake: HandshakeCredentials): Promise<Principal>;
}
