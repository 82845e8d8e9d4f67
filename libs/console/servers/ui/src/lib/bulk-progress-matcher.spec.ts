import type { BulkOperationProgress } from '@mcp-fleet/shared/contracts';

import { BulkProgressMatcher } from './bulk-progress-matcher';

const ours = ['a', 'b', 'c'];

function progress(operationId: string, completed: number, extra: Partial<BulkOperationProgress> = {}): BulkOperationProgress {
  return { operationId, operation: 'start', total: 3, completed, succeeded: completed, failed: 0, ...extra };
}

describe('BulkProgressMatcher', () => {
  it('follows an operation before its id is known, by operation, total and our server ids', () => {
    const matcher = new BulkProgressMatcher('start', ours);

    expect(matcher.accept(progress('op-1', 0))).toEqual({ total: 3, completed: 0, succeeded: 0, failed: 0 });
    expect(matcher.accept(progress('op-1', 1, { serverId: 'b', success: true }))?.completed).toBe(1);
    expect(matcher.accept(progress('op-1', 2, { serverId: 'a', success: true }))?.completed).toBe(2);
  });

  it('ignores other kinds of operation and other sizes', () => {
    const matcher = new BulkProgressMatcher('start', ours);

    expect(matcher.accept(progress('other', 1, { operation: 'stop', serverId: 'a' }))).toBeNull();
    expect(matcher.accept(progress('other', 1, { total: 4, serverId: 'a' }))).toBeNull();
  });

  it('rules out an operation of the same size that reports a server that is not ours', () => {
    const matcher = new BulkProgressMatcher('start', ours);

    expect(matcher.accept(progress('theirs', 1, { serverId: 'z' }))).toBeNull();
    expect(matcher.accept(progress('theirs', 2, { serverId: 'a' }))).toBeNull();
    expect(matcher.accept(progress('mine', 1, { serverId: 'c' }))?.completed).toBe(1);
  });

  it('locks onto the first operation that reports one of our servers', () => {
    const matcher = new BulkProgressMatcher('start', ours);
    matcher.accept(progress('mine', 1, { serverId: 'a' }));

    expect(matcher.accept(progress('lookalike', 2, { serverId: 'b' }))).toBeNull();
    expect(matcher.accept(progress('mine', 2, { serverId: 'b' }))?.completed).toBe(2);
  });

  it('never lets a late message move the counters back', () => {
    const matcher = new BulkProgressMatcher('start', ours);
    matcher.accept(progress('mine', 2, { serverId: 'a' }));

    expect(matcher.accept(progress('mine', 1, { serverId: 'b' }))?.completed).toBe(2);
  });

  it('takes the id from the response as final and returns what was seen of it', () => {
    const matcher = new BulkProgressMatcher('start', ours);
    matcher.accept(progress('lookalike', 1, { serverId: 'a' }));
    matcher.accept(progress('mine', 3));

    expect(matcher.confirm('mine')?.completed).toBe(3);
    expect(matcher.accept(progress('lookalike', 2, { serverId: 'b' }))).toBeNull();
    expect(new BulkProgressMatcher('start', ours).confirm('unseen')).toBeNull();
  });
});
