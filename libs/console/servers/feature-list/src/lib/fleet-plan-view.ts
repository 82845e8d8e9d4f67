import {
  FLEET_PLAN_ACTIONS,
  type FleetApplyItemResult,
  type FleetApplyResponse,
  type FleetPlanAction,
  type FleetPlanItem,
} from '@mcp-fleet/shared/contracts';

/** How a plan action reads and looks. */
export const PLAN_ACTIONS: Record<FleetPlanAction, { label: string; icon: string }> = {
  create: { label: 'create', icon: 'add_circle' },
  update: { label: 'update', icon: 'edit' },
  delete: { label: 'delete', icon: 'delete' },
  unchanged: { label: 'unchanged', icon: 'check' },
};

/**
 * One reason the API refused a whole document (400 `VALIDATION_FAILED`): the server's name (null
 * outside a server), the JSON path into the document and what is wrong there.
 */
export interface DocumentProblem {
  item: string | null;
  path: string;
  messages: string[];
}

/**
 * Counts per action in the contract's order of actions, then the refused items (counted there
 * only, since apply does not carry them out): "1 create · 1 update · 1 refused".
 */
export function planSummary(items: readonly FleetPlanItem[]): string {
  const parts = FLEET_PLAN_ACTIONS.map((action) => ({
    action,
    count: items.filter((item) => item.action === action && !item.refusal).length,
  }))
    .filter(({ count }) => count > 0)
    .map(({ action, count }) => `${count} ${PLAN_ACTIONS[action].label}`);
  const refused = items.filter((item) => item.refusal).length;
  return [...parts, ...(refused > 0 ? [`${refused} refused`] : [])].join(' · ') || 'No servers';
}

/** Whether an apply of this plan would write anything: a create, update or delete that is not refused. */
export function planChangesSomething(items: readonly FleetPlanItem[]): boolean {
  return items.some((item) => item.action !== 'unchanged' && !item.refusal);
}

/** The items of an answer that applied (not a dry run), each with its result. */
export function applyResults(response: FleetApplyResponse): FleetApplyItemResult[] | null {
  return response.dryRun ? null : (response.items as FleetApplyItemResult[]);
}

/**
 * The problems of a refused document from the `details` of the API's error body; an empty list
 * when the failure is of another kind (the caller shows its message and code instead).
 */
export function documentProblems(details: unknown): DocumentProblem[] {
  if (!Array.isArray(details)) {
    return [];
  }
  return details.flatMap((entry): DocumentProblem[] => {
    if (typeof entry !== 'object' || entry === null) {
      return [];
    }
    const { item, path, messages } = entry as { item?: unknown; path?: unknown; messages?: unknown };
    if (typeof path !== 'string') {
      return [];
    }
    return [
      {
        item: typeof item === 'string' ? item : null,
        path,
        messages: Array.isArray(messages) ? messages.map(String) : [],
      },
    ];
  });
}
