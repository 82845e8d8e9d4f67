/**
 * Key material resolved at boot (from the environment, or generated once into DATA_DIR
 * for the embedded mode). Injected like AppConfig; never logged, never returned.
 */
export class KeyRing {
  constructor(
    /** HMAC secret for access tokens. */
    readonly jwtSecret: string,
    /** 32-byte AES-256-GCM key for secret server values. */
    readonly secretsKey: Buffer,
  ) {}
}
