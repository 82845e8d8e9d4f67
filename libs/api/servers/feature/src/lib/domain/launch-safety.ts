import { envNames } from '@mcp-fleet/api/servers/data-access';
import { AppConfig } from '@mcp-fleet/api/shared/config';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { checkRemoteUrl, checkStdioLaunch, stdioPolicyOf } from '@mcp-fleet/api/shared/security';
import type { ServerConfigInput, ServerTransport } from '@mcp-fleet/shared/contracts';

import { isRemote } from './server-config.rules';

/**
 * The security policy for what a server may be: which programs may run and with which
 * environment (stdio), which addresses may be reached (remote). Checked at registration
 * and on every edit; the lifecycle engine checks both again at every spawn or connect, so a
 * policy tightened after registration applies to servers that already exist.
 * Runs after the structural rules, so the fields it needs are present.
 */
export function checkLaunchSafety(transport: ServerTransport, config: ServerConfigInput, policy: AppConfig): DomainError | undefined {
  if (isRemote(transport)) {
    const verdict = checkRemoteUrl(config.url ?? '', { allowPrivate: policy.allowPrivateUrls });
    return verdict.ok
      ? undefined
      : new DomainError('URL_NOT_ALLOWED', `config.url is not allowed: ${verdict.reason}`, [
          { field: 'config.url', code: verdict.code, message: verdict.reason },
        ]);
  }
  const issues = checkStdioLaunch(
    { command: config.command ?? '', args: config.args ?? undefined, env: envNames(config), cwd: config.cwd },
    stdioPolicyOf(policy),
  );
  return issues.length === 0
    ? undefined
    : new DomainError('STDIO_NOT_ALLOWED', `This stdio server is not allowed: ${issues[0].message}`, issues);
}
