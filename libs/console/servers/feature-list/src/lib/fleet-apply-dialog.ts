import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { firstValueFrom, map } from 'rxjs';

import { FleetApi } from '@mcp-fleet/console/servers/data-access';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import type { FleetApplyItemResult, FleetPlanItem } from '@mcp-fleet/shared/contracts';

import { applyResults, type DocumentProblem, documentProblems, PLAN_ACTIONS, planChangesSomething, planSummary } from './fleet-plan-view';

/** Whether the dialog applied anything (the list reloads then). */
export type FleetApplyDialogResult = { applied: boolean } | undefined;

type Step = 'edit' | 'plan' | 'done';

/** The plan the API made of the text, with the prune it was made with. */
interface Plan {
  document: string;
  prune: boolean;
  items: FleetPlanItem[];
}

const EXAMPLE = `apiVersion: mcp-fleet/v1
kind: Fleet
servers:
  - name: memory
    transport: stdio
    config:
      command: npx
      args: [-y, '@modelcontextprotocol/server-memory']`;

/**
 * Apply a fleet document (docs/configuration.md, "The fleet as a document"): upload or paste it,
 * see the API's plan (dry run) per server, apply it, see what became of each server. The console
 * neither parses nor plans the document: the API does both, and this shows its answers.
 */
@Component({
  selector: 'mf-fleet-apply-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatDialogModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './fleet-apply-dialog.html',
  styleUrl: './fleet-apply-dialog.scss',
})
export class FleetApplyDialog {
  private readonly api = inject(FleetApi);
  private readonly dialogRef = inject<MatDialogRef<FleetApplyDialog, FleetApplyDialogResult>>(MatDialogRef);

  protected readonly example = EXAMPLE;
  protected readonly actions = PLAN_ACTIONS;
  protected readonly text = new FormControl('', { nonNullable: true });
  protected readonly prune = new FormControl(false, { nonNullable: true });
  protected readonly fileName = signal<string | null>(null);
  protected readonly step = signal<Step>('edit');
  protected readonly busy = signal<'planning' | 'applying' | null>(null);
  protected readonly plan = signal<Plan | null>(null);
  protected readonly results = signal<FleetApplyItemResult[] | null>(null);
  /** Why the document was refused whole, per server and path. */
  protected readonly problems = signal<DocumentProblem[]>([]);
  /** Any other failure of a request: its message and code. */
  protected readonly failure = signal<ConsoleError | null>(null);

  protected readonly empty = toSignal(this.text.valueChanges.pipe(map((value) => value.trim() === '')), { initialValue: true });
  protected readonly summary = computed(() => planSummary(this.plan()?.items ?? []));
  protected readonly canApply = computed(() => planChangesSomething(this.plan()?.items ?? []));
  protected readonly resultSummary = computed(() => {
    const results = this.results() ?? [];
    const failed = results.filter((item) => !item.success).length;
    return `${results.length - failed} applied, ${failed} failed`;
  });

  /** Reads an uploaded document into the text field, where it can still be edited. */
  protected async upload(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) {
      return;
    }
    this.text.setValue(await file.text());
    this.fileName.set(file.name);
    this.problems.set([]);
    this.failure.set(null);
    input.value = '';
  }

  /** Asks the API for the plan (a dry run: nothing is written). */
  protected async makePlan(): Promise<void> {
    const document = this.text.value;
    if (document.trim() === '' || this.busy()) {
      return;
    }
    const prune = this.prune.value;
    this.busy.set('planning');
    this.problems.set([]);
    this.failure.set(null);
    try {
      const response = await firstValueFrom(this.api.plan(document, prune));
      this.plan.set({ document, prune, items: response.items });
      this.step.set('plan');
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy.set(null);
    }
  }

  /** Applies the planned document, with the prune it was planned with. */
  protected async apply(): Promise<void> {
    const plan = this.plan();
    if (!plan || this.busy()) {
      return;
    }
    this.busy.set('applying');
    this.failure.set(null);
    try {
      const response = await firstValueFrom(this.api.apply(plan.document, plan.prune));
      this.results.set(applyResults(response) ?? []);
      this.step.set('done');
    } catch (error) {
      // The document was planned, so a refusal now means the fleet changed meanwhile.
      this.refused(error);
    } finally {
      this.busy.set(null);
    }
  }

  protected back(): void {
    this.step.set('edit');
    this.plan.set(null);
    this.failure.set(null);
  }

  protected close(): void {
    this.dialogRef.close({ applied: this.step() === 'done' });
  }

  protected problemPlace(problem: DocumentProblem): string {
    return problem.item === null ? 'Document' : problem.item;
  }

  private refused(error: unknown): void {
    const problems = error instanceof HttpErrorResponse ? documentProblems((error.error as { details?: unknown } | null)?.details) : [];
    this.problems.set(problems);
    this.failure.set(problems.length > 0 ? null : toConsoleError(error));
    if (problems.length > 0) {
      this.step.set('edit');
    }
  }
}
