import { Injectable } from '@nestjs/common';

import { LoginFailuresRepository } from '@mcp-fleet/api/auth/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';

import { tooManyAttempts } from '../domain/auth-errors';

/** Sliding-window limits on failed sign-ins, per account and per client address. */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly failures: LoginFailuresRepository,
    private readonly config: AppConfig,
  ) {}

  /** Throws TOO_MANY_ATTEMPTS (with Retry-After) while either limit is reached. */
  async assertAllowed(emailKey: string, ip: string): Promise<void> {
    const windowMs = this.config.loginWindowSeconds * 1000;
    const since = new Date(Date.now() - windowMs);
    const [byEmail, byIp] = await Promise.all([
      this.failures.windowForEmail(emailKey, since),
      this.failures.windowForIp(ip, since),
    ]);
    const blocking = [
      byEmail.count >= this.config.loginMaxFailuresPerAccount ? byEmail.oldest : null,
      byIp.count >= this.config.loginMaxFailuresPerIp ? byIp.oldest : null,
    ].filter((oldest): oldest is Date => oldest !== null);
    if (blocking.length > 0) {
      const freedAt = Math.max(...blocking.map((oldest) => oldest.getTime() + windowMs));
      throw tooManyAttempts(Math.max(1, Math.ceil((freedAt - Date.now()) / 1000)));
    }
  }

  async recordFailure(emailKey: string, ip: string): Promise<void> {
    await this.failures.record(emailKey, ip);
    await this.failures.purgeOlderThan(new Date(Date.now() - this.config.loginWindowSeconds * 1000));
  }

  async recordSuccess(emailKey: string): Promise<void> {
    await this.failures.clearForEmail(emailKey);
  }
}
