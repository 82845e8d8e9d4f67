import { inject, Injectable } from '@angular/core';

import { lifecycleAction } from '@mcp-fleet/console/servers/util';
import { Notifier } from '@mcp-fleet/console/shared/data-access';
import type { CommandResult, UndoOperationResponse } from '@mcp-fleet/shared/contracts';

import { OperationsApi } from './operations-api';

/**
 * The confirmation of a lifecycle command that succeeded, with Undo on it. Taken, the undo puts
 * the server back to its desired state before the command (the API's rule, by the result's
 * `operationId`) and says how that went: done, nothing to undo, or a conflict (someone changed
 * the server since; the API left it as it is).
 */
@Injectable({ providedIn: 'root' })
export class CommandUndo {
  private readonly operations = inject(OperationsApi);
  private readonly notifier = inject(Notifier);

  /** Confirms `result` (a success) with an Undo action. */
  confirm(result: CommandResult): void {
    this.notifier.offer(`${result.serverName}: ${result.message}`, 'Undo').subscribe(() => this.undo(result));
  }

  private undo(result: CommandResult): void {
    const what = `${lifecycleAction(result.commandType).label.toLowerCase()} of ${result.serverName}`;
    this.operations.undo(result.operationId).subscribe({
      next: (response) => this.report(response, what, result.serverName),
      error: (error: unknown) => this.notifier.error(error, `Undo ${what}`),
    });
  }

  private report(response: UndoOperationResponse, what: string, serverName: string): void {
    const item = response.results[0];
    if (!item || item.success) {
      this.notifier.success(`Undid ${what}${item ? `: ${item.message}` : ''}`);
    } else if (item.code === 'UNDO_CONFLICT') {
      this.notifier.failure(`Undo ${what} left it as it is, ${serverName} was changed since: ${item.message}`, item.code);
    } else {
      this.notifier.failure(`Undo ${what} failed: ${item.message}`, item.code);
    }
  }
}
