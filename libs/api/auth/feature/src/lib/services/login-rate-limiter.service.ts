import { Injectable } from '@nestjs/common';

import { LoginFailuresRepository } from '@mcp-fleet/api/auth/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';

import { tooManyAttempts } from '../domain/auth-errors';
import { type LoginLimits, loginWaitMs, retryAfterSeconds } from '../domain/login-throttle';

/** Growing delays per (account, address) and a limit per address on failed sign-ins (see login-throttle.ts). */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly failures: LoginFailuresRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Counts this attempt as a failure before the password is checked, so concurrent guesses
   * cannot all slip under the limit; returns a handle that `succeeded` or `failed` take.
   * Throws TOO_MANY_ATTEMPTS (with Retry-After) when the pair or the address must wait; a
   * refused attempt is not recorded, so it does not lengthen the wait.
   */
  async begin(emailKey: string, ip: string): Promise<string> {
    const limits = this.limits();
    return this.failures.transaction(async (manager) => {
      const now = await this.failures.lockAddress(ip, manager);
      const recent = await this.failures.countSince(emailKey, ip, new Date(now.getTime() - limits.windowMs), manager);
      const waitMs = loginWaitMs(recent, now, limits);
      if (waitMs > 0) {
        throw tooManyAttempts(retryAfterSeconds(waitMs));
      }
      return this.failures.record(emailKey, ip, now, manager);
    });
  }

  /** The owner's own mistakes from this address are forgotten; failures from other addresses stay. */
  async succeeded(attempt: string, emailKey: string, ip: string): Promise<void> {
    await this.failures.withdraw(attempt);
    await this.failures.clearPair(emailKey, ip);
  }

  async failed(attempt: string): Promise<void> {
    await this.failures.markFailed(attempt);
    await this.failures.purgeOlderThan(this.config.loginWindowSeconds);
  }

  private limits(): LoginLimits {
    return {
      maxFailuresPerPair: this.config.loginMaxFailuresPerAccount,
      maxFailuresPerAddress: this.config.loginMaxFailuresPerIp,
      windowMs: this.config.loginWindowSeconds * 1000,
    };
  }
}
