import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { NotAudited, Public } from '@mcp-fleet/api/shared/authz';
import { DomainError } from '@mcp-fleet/api/shared/errors';

import { clientGone } from '../upstream/client-gone';
import { FORWARD_HEADER } from './forward-credential';
import { ForwardStreamAnswer } from './forward-stream';
import { OwnerRouter, type RoutedKind, type RoutedOperations } from './owner-router';

const KINDS: ReadonlySet<string> = new Set<RoutedKind>([
  'start',
  'stop',
  'restart',
  'enterMaintenance',
  'exitMaintenance',
  'callTool',
  'checkHealth',
  'mcpRequest',
]);

/**
 * Where another replica sends an operation on a server this one runs. Not part of the public
 * API: authenticated by the replicas' shared credential, not by a user's token (the replica
 * that received the request checked the caller's permissions and sends the caller's context
 * along), and audited there, not again here.
 */
@ApiExcludeController()
@Controller('internal/runtime')
export class ForwardedController {
  constructor(private readonly router: OwnerRouter) {}

  @Public()
  @NotAudited('the replica that received the request audited it')
  @Post()
  @HttpCode(200)
  async run(@Body() body: unknown, @Headers(FORWARD_HEADER) signature: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!this.router.credential.verify(signature, JSON.stringify(body ?? null))) {
      throw new DomainError('UNAUTHENTICATED', 'Not a request of another replica');
    }
    const { kind, serverId, payload, progress } = (body ?? {}) as {
      kind?: unknown;
      serverId?: unknown;
      payload?: unknown;
      progress?: unknown;
    };
    if (typeof kind !== 'string' || !KINDS.has(kind) || typeof serverId !== 'string' || typeof payload !== 'object' || payload === null) {
      throw new DomainError('VALIDATION_FAILED', 'Not a forwarded operation');
    }
    const operation = payload as RoutedOperations[RoutedKind]['payload'];
    // The sending replica hangs up when its caller goes away: the operation is cancelled here.
    const signal = clientGone(reply.raw);
    if (progress !== true) {
      const result = await this.router.forwardedHere(kind as RoutedKind, serverId, operation, { signal });
      void reply.status(200).send({ result });
      return;
    }
    const stream = new ForwardStreamAnswer(reply);
    try {
      stream.result(
        await this.router.forwardedHere(kind as RoutedKind, serverId, operation, { signal, onProgress: (p) => stream.progress(p) }),
      );
    } catch (error) {
      stream.error(error);
    }
  }
}
