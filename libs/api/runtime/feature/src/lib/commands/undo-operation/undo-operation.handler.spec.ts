import type { CallContext } from '@mcp-fleet/api/shared/authz';
import { DomainError } from '@mcp-fleet/api/shared/errors';
import { type McpServer, type Principal, ROLE_PERMISSIONS } from '@mcp-fleet/shared/contracts';

import type { OperationItem, OperationsRepository, UndoClaim } from '../../operations/operations.repository';
import type { OwnerRouter } from '../../ownership/owner-router';
import type { BulkItem, BulkRunner } from '../bulk-operation/bulk-runner';
import { UndoOperationCommand } from './undo-operation.command';
import { UndoOperationHandler } from './undo-operation.handler';

const OPERATION = '00000000-0000-4000-8000-000000000001';
const context: CallContext = {
  actor: { kind: 'user', id: 'u-1', name: 'ops@example.com' },
  correlationId: 'c-1',
  ip: null,
  userAgent: null,
  via: 'rest',
};

const operator: Pick<Principal, 'permissions'> = { permissions: [...ROLE_PERMISSIONS.operator] };

function setUp(claim: UndoClaim, items: OperationItem[] = []) {
  const released: string[] = [];
  const routed: string[] = [];
  const operations = {
    claimUndo: () => Promise.resolve(claim),
    itemsOf: () => Promise.resolve(items),
    releaseUndo: (operationId: string) => Promise.resolve(void released.push(operationId)),
  } as unknown as OperationsRepository;
  const router = {
    run: (kind: string, serverId: string) => {
      routed.push(`${kind} ${serverId}`);
      const server = { id: serverId, state: kind === 'start' ? 'running' : 'stopped' } as McpServer;
      return Promise.resolve({ server, success: true, message: 'done' });
    },
  } as unknown as OwnerRouter;
  const runner = {
    run: async (operationId: string, operation: string, bulkItems: BulkItem[]) => {
      const results = [];
      for (const item of bulkItems) {
        try {
          results.push({ serverId: item.serverId, executionTimeMs: 0, ...(await item.run()) });
        } catch (error) {
          results.push({ serverId: item.serverId, success: false, code: (error as DomainError).code, message: '', executionTimeMs: 0 });
        }
      }
      return { operationId, operation, total: results.length, succeeded: 0, failed: 0, executionTimeMs: 0, results };
    },
  } as unknown as BulkRunner;
  return { handler: new UndoOperationHandler(operations, router, runner), released, routed };
}

describe('UndoOperationHandler', () => {
  it('answers OPERATION_NOT_FOUND and OPERATION_ALREADY_UNDONE when the claim fails, running nothing', async () => {
    const missing = setUp({ claimed: false, reason: 'not_found' });
    const undone = setUp({ claimed: false, reason: 'already_undone', undoneBy: 'u' });

    await expect(missing.handler.execute(new UndoOperationCommand(OPERATION, context, operator))).rejects.toMatchObject({
      code: 'OPERATION_NOT_FOUND',
    });
    await expect(undone.handler.execute(new UndoOperationCommand(OPERATION, context, operator))).rejects.toMatchObject({
      code: 'OPERATION_ALREADY_UNDONE',
      details: { undoneBy: 'u' },
    });
    expect([...missing.routed, ...undone.routed]).toEqual([]);
  });

  it('sends each server back with the command that leads to its desired state before, and skips what did not change', async () => {
    const { handler, routed } = setUp({ claimed: true }, [
      { serverId: 'a', desiredBefore: 'running', desiredAfter: 'stopped' },
      { serverId: 'b', desiredBefore: 'stopped', desiredAfter: 'running' },
      { serverId: 'c', desiredBefore: 'maintenance', desiredAfter: 'stopped' },
      { serverId: 'd', desiredBefore: 'running', desiredAfter: 'running' },
    ]);

    const response = await handler.execute(new UndoOperationCommand(OPERATION, context, operator));

    expect(routed).toEqual(['start a', 'stop b', 'enterMaintenance c']);
    expect(response).toMatchObject({ operation: 'undo', undoneOperationId: OPERATION, conflicts: 0 });
    expect(response.results[3]).toMatchObject({ serverId: 'd', success: true });
  });

  it('leaves a server outside a scoped caller’s servers untouched, as one that does not exist', async () => {
    const { handler, routed } = setUp({ claimed: true }, [{ serverId: 'a', desiredBefore: 'running', desiredAfter: 'stopped' }]);

    const response = await handler.execute(new UndoOperationCommand(OPERATION, context, { ...operator, serverIds: ['other'] }));

    expect(routed).toEqual([]);
    expect(response.results[0]).toMatchObject({ success: false, code: 'SERVER_NOT_FOUND' });
  });

  it('gives the claim back when the undo fails before it could run', async () => {
    const { handler, released } = setUp({ claimed: true });
    (handler as unknown as { runner: { run: () => Promise<never> } }).runner.run = () =>
      Promise.reject(new DomainError('SERVICE_UNAVAILABLE', 'database away'));

    await expect(handler.execute(new UndoOperationCommand(OPERATION, context, operator))).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(released).toEqual([OPERATION]);
  });

  it('refuses to undo an operation on several servers without the bulk permission, before claiming it', async () => {
    const items: OperationItem[] = [
      { serverId: 'a', desiredBefore: 'running', desiredAfter: 'stopped' },
      { serverId: 'b', desiredBefore: 'running', desiredAfter: 'stopped' },
    ];
    const manager = { permissions: ROLE_PERMISSIONS.operator.filter((permission) => permission !== 'mcp:bulk_operations') };
    const several = setUp({ claimed: true }, items);
    const one = setUp({ claimed: true }, items.slice(0, 1));
    let claims = 0;
    (several.handler as unknown as { operations: { claimUndo: () => Promise<UndoClaim> } }).operations.claimUndo = () =>
      Promise.resolve({ claimed: (claims += 1) > 0 } as UndoClaim);

    await expect(several.handler.execute(new UndoOperationCommand(OPERATION, context, manager))).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { missing: ['mcp:bulk_operations'] },
    });
    await one.handler.execute(new UndoOperationCommand(OPERATION, context, manager));

    expect([claims, several.routed, one.routed]).toEqual([0, [], ['start a']]);
  });
});
