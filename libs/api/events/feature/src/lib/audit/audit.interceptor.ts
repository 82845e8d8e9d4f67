import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { catchError, concatMap, type Observable } from 'rxjs';

import {
  auditEntry,
  type AuditOutcome,
  EventStore,
  MUTATING_METHODS,
  REQUEST_WRITE_WAIT_MS,
  WriteDeferredError,
} from '@mcp-fleet/api/events/data-access';
import { AUDIT_METADATA, type AuditRule, contextFromRequest, type RequestWithPrincipal } from '@mcp-fleet/api/shared/authz';
import { toErrorResponse } from '@mcp-fleet/api/shared/errors';

/**
 * Records every mutating REST request that reached its handler: who, what, from where and how
 * it ended (success, or the error code). The answer waits for the row's commit, but at most
 * REQUEST_WRITE_WAIT_MS: during a database outage the row stays queued and the caller still
 * hears back in seconds. Refusals by the access guard are recorded by the guard.
 * A route without an `@Audit` rule is still recorded, under `METHOD /route`.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly store: EventStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    if (!MUTATING_METHODS.has(request.method)) {
      return next.handle();
    }
    const rule = this.reflector.get<AuditRule | undefined>(AUDIT_METADATA, context.getHandler());
    if (rule && !rule.audited) {
      return next.handle();
    }
    // Awaited: the caller hears back only once the audit row is committed.
    const record = async (outcome: AuditOutcome, result: unknown): Promise<void> => {
      const params = (request.params ?? {}) as Record<string, string>;
      const action = rule?.action ?? `${request.method} ${request.routeOptions.url ?? request.url}`;
      const target = rule?.target?.({ params, body: request.body, result }) ?? null;
      const context = contextFromRequest(request);
      const actor = rule?.actor?.({ body: request.body, result }) ?? context.actor;
      if (rule?.batched) {
        this.store.recordAudit(auditEntry({ ...context, actor }, action, target, outcome));
        return;
      }
      try {
        await this.store.appendAudit(auditEntry({ ...context, actor }, action, target, outcome), { waitMs: REQUEST_WRITE_WAIT_MS });
      } catch (error) {
        // The action itself happened; refusing its answer now would only mislead the caller.
        if (error instanceof WriteDeferredError) {
          this.logger.warn({ action }, 'Audit entry queued until the database answers');
        } else {
          this.logger.error({ err: error, action }, 'Audit entry not recorded');
        }
      }
    };
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        await record({ ...outcomeOf(result), statusCode: this.successStatus(context) }, result);
        return result;
      }),
      catchError(async (error: unknown) => {
        const { body } = toErrorResponse(error, request.id);
        await record({ result: 'failure', statusCode: body.statusCode, errorCode: body.code }, undefined);
        throw error;
      }),
    );
  }

  private successStatus(context: ExecutionContext): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, context.getHandler());
    return declared ?? (method === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);
  }
}

/**
 * How an answered request ended: a command result that says the command ran and failed
 * (`success: false`, answered 200) is a failure with its reason, not a success.
 */
function outcomeOf(result: unknown): Omit<AuditOutcome, 'statusCode'> {
  if (typeof result === 'object' && result !== null && (result as { success?: unknown }).success === false) {
    const errorCode = (result as { errorCode?: unknown }).errorCode;
    return { result: 'failure', errorCode: typeof errorCode === 'string' ? errorCode : null };
  }
  return { result: 'success', errorCode: null };
}
