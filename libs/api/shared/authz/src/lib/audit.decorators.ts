import { SetMetadata } from '@nestjs/common';

import type { Actor } from '@mcp-fleet/shared/contracts';

/** Route metadata read by the audit interceptor. */
export const AUDIT_METADATA = 'mcp-fleet:audit';

export interface AuditedTarget {
  type: string;
  id: string | null;
  name: string | null;
}

/** Finds the target of an action from the route params, the body and (on success) the result. */
export type AuditTargetResolver = (input: { params: Record<string, string>; body: unknown; result: unknown }) => AuditedTarget | null;

/** Names the actor on public routes, where the request carries no principal (sign-in). */
export type AuditActorResolver = (input: { body: unknown; result: unknown }) => Actor | null;

export type AuditRule =
  | {
      audited: true;
      action: string;
      target?: AuditTargetResolver;
      actor?: AuditActorResolver;
      /**
       * The answer does not wait for the row's commit: it joins the next batch (hot paths such as a
       * tool call). Queued rows are retried until written, as every audit row is.
       */
      batched?: boolean;
    }
  | { audited: false; reason: string };

/**
 * Every mutating route names its action for the audit trail (`server.update`). The target
 * defaults to the `:id` param, else the `id`/`name` of the result.
 */
export const Audit = (
  action: string,
  targetType: string,
  options: { target?: AuditTargetResolver; actor?: AuditActorResolver; batched?: boolean } = {},
) =>
  SetMetadata(AUDIT_METADATA, {
    audited: true,
    action,
    target: options.target ?? ((input) => defaultTarget(targetType, input)),
    actor: options.actor,
    batched: options.batched,
  } satisfies AuditRule);

/** A mutating route that is deliberately not audited per request, with the reason. */
export const NotAudited = (reason: string) => SetMetadata(AUDIT_METADATA, { audited: false, reason } satisfies AuditRule);

function defaultTarget(type: string, { params, result }: Parameters<AuditTargetResolver>[0]): AuditedTarget {
  const fromResult = typeof result === 'object' && result !== null ? (result as Record<string, unknown>) : {};
  const id = params['id'] ?? (typeof fromResult['id'] === 'string' ? fromResult['id'] : null);
  const name =
    typeof fromResult['name'] === 'string' ? fromResult['name'] : typeof fromResult['email'] === 'string' ? fromResult['email'] : null;
  return { type, id, name };
}
