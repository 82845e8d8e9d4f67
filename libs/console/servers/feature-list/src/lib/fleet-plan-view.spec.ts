import type { FleetPlanItem } from '@mcp-fleet/shared/contracts';

import { applyResults, documentProblems, planChangesSomething, planSummary } from './fleet-plan-view';

const item = (name: string, action: FleetPlanItem['action'], extra: Partial<FleetPlanItem> = {}): FleetPlanItem => ({
  name,
  action,
  changedPaths: [],
  ...extra,
});

describe('fleet plan view', () => {
  it('sums a plan up per action in the contract order, then the refused items apart', () => {
    const plan = [
      item('a', 'unchanged'),
      item('b', 'update', { changedPaths: ['config.args'] }),
      item('c', 'create', { refusal: { code: 'VALIDATION_FAILED', path: 'servers[2].config.env.TOKEN', message: 'no such secret' } }),
      item('d', 'delete'),
      item('e', 'unchanged'),
    ];

    expect(planSummary(plan)).toBe('1 update · 1 delete · 2 unchanged · 1 refused');
    expect(planSummary([...plan, item('f', 'create')])).toBe('1 create · 1 update · 1 delete · 2 unchanged · 1 refused');
    expect(planSummary([])).toBe('No servers');
  });

  it('tells a plan that writes something from one that does not', () => {
    expect(planChangesSomething([item('a', 'unchanged')])).toBe(false);
    expect(
      planChangesSomething([item('c', 'create', { refusal: { code: 'VALIDATION_FAILED', path: 'servers[0].config', message: 'x' } })]),
    ).toBe(false);
    expect(planChangesSomething([item('a', 'unchanged'), item('d', 'delete')])).toBe(true);
  });

  it('reads per-item results only from an answer that applied', () => {
    const results = [{ ...item('b', 'update'), success: true, message: 'b updated' }];
    expect(applyResults({ dryRun: true, prune: false, items: [item('b', 'update')] })).toBeNull();
    expect(applyResults({ dryRun: false, prune: false, items: results })).toEqual(results);
  });

  it('reads the problems of a refused document from its details, skipping what it cannot read', () => {
    const details = [
      { item: 'search', path: 'servers[1].config.url', messages: ['url must be a URL'] },
      { item: null, path: 'apiVersion', messages: ['apiVersion must be mcp-fleet/v1'] },
      { field: 'name', messages: ['not a fleet problem'] },
      'garbage',
    ];

    expect(documentProblems(details)).toEqual([
      { item: 'search', path: 'servers[1].config.url', messages: ['url must be a URL'] },
      { item: null, path: 'apiVersion', messages: ['apiVersion must be mcp-fleet/v1'] },
    ]);
    expect(documentProblems(undefined)).toEqual([]);
    expect(documentProblems({ operationId: 'x' })).toEqual([]);
  });
});
