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

  /**
   * Counts this attempt as a failure before the password is checked, so concurrent guesses
   * cannot all slip under the limit; returns a handle that `succeeded` uses to withdraw it.
   * Throws TOO_MANY_ATTEMPTS (with Retry-After) when either limit is exceeded.
   */
  async begin(emailKey: string, ip: string): Promise<string> {
    const windowMs = this.config.loginWindowSeconds * 1000;
    const attempt = await this.failures.record(emailKey, ip);
    const since = new Date(Date.now() - windowMs);
    const [byEmail, byIp] = await Promise.all([
      this.failures.windowForEmail(emailKey, since),
      this.failures.windowForIp(ip, since),
    ]);
    // The attempt itself is counted, so a limit of N lets N attempts through.
    const blocking = [
      byEmail.count > this.config.loginMaxFailuresPerAccount ? byEmail.oldest : null,
      byIp.count > this.config.loginMaxFailuresPerIp ? byIp.oldest : null,
    ].filter((oldest): oldest is Date => oldest !== null);
    if (blocking.length > 0) {
      // A refused attempt does not extend the lockout.
      await this.failures.withdraw(attempt);
      const freedAt = Math.max(...blocking.map((oldest) => oldest.getTime() + windowMs));
      throw tooManyAttempts(Math.max(1, Math.ceil((freedAt - Date.now()) / 1000)));
    }
    return attempt;
  }

  async succeeded(attempt: string, emailKey: string): Promise<void> {
    await this.failures.withdraw(attempt);
    await this.failures.clearForEmail(emailKey);
  }

  async failed(): Promise<void> {
    await this.failures.purgeOlderThan(new Date(Date.now() - this.config.loginWindowSeconds * 1000));
  }
}
