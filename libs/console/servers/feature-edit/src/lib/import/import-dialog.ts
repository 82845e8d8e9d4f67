import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { RegistryImportApi, ServersApi } from '@mcp-fleet/console/servers/data-access';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import {
  type ConfigValue,
  isRegistryServerJson,
  isSecretValue,
  type McpServer,
  type RegisterServerRequest,
  type RegistryImportResponse,
} from '@mcp-fleet/shared/contracts';

import { type ImportedServer, importedServerRequest, importedTarget, type ImportProblem, parseMcpServersJson } from '../mcp-servers-import';

/** What the dialog hands back: one server to prefill the form with, or nothing. */
export type ImportDialogResult = { kind: 'fill'; server: ImportedServer } | undefined;

type Outcome = { state: 'running' } | { state: 'registered'; server: McpServer } | { state: 'failed'; problem: ConsoleError };

const EXAMPLE = `{
  "mcpServers": {
    "filesystem": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/srv/data"]
    },
    "remote": { "type": "http", "url": "https://mcp.example.com/mcp" }
  }
}`;

/** A `server.json` on its way in: what the API would register, then what it did. */
interface RegistryImport {
  document: unknown;
  preview: RegistryImportResponse;
  outcome: Outcome | null;
}

/**
 * Paste a Claude Desktop / Claude Code / Cursor `mcpServers` snippet. One server fills the
 * form; several are listed for review and registered one by one, each with its own result.
 * An MCP Registry `server.json` is sent to the API as it is: its preview shows what it becomes
 * (the mapping is the API's alone), and Register imports it.
 */
@Component({
  selector: 'mf-import-dialog',
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
  templateUrl: './import-dialog.html',
  styleUrl: './import-dialog.scss',
})
export class ImportDialog {
  private readonly api = inject(ServersApi);
  private readonly registryApi = inject(RegistryImportApi);
  private readonly dialogRef = inject<MatDialogRef<ImportDialog, ImportDialogResult>>(MatDialogRef);

  protected readonly example = EXAMPLE;
  protected readonly text = new FormControl('', { nonNullable: true });
  protected readonly problems = signal<ImportProblem[]>([]);
  protected readonly servers = signal<ImportedServer[]>([]);
  protected readonly reviewing = signal(false);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly outcomes = signal<ReadonlyMap<string, Outcome>>(new Map());
  protected readonly registering = signal(false);
  protected readonly target = importedTarget;
  protected readonly registry = signal<RegistryImport | null>(null);
  protected readonly previewing = signal(false);

  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly runDone = signal(0);
  protected readonly runTotal = signal(0);
  protected readonly registered = computed(() =>
    [...this.outcomes().values()].flatMap((o) => (o.state === 'registered' ? [o.server] : [])),
  );

  protected import(): void {
    const document = parsedJson(this.text.value);
    if (isRegistryServerJson(document)) {
      void this.previewRegistry(document);
      return;
    }
    const result = parseMcpServersJson(this.text.value);
    this.problems.set(result.problems);
    this.servers.set(result.servers);
    if (result.servers.length === 1 && result.problems.length === 0) {
      this.dialogRef.close({ kind: 'fill', server: result.servers[0] });
      return;
    }
    if (result.servers.length > 0) {
      this.selected.set(new Set(result.servers.map((s) => s.name)));
      this.outcomes.set(new Map());
      this.reviewing.set(true);
    }
  }

  protected fill(server: ImportedServer): void {
    this.dialogRef.close({ kind: 'fill', server });
  }

  protected back(): void {
    this.registry.set(null);
    this.reviewing.set(false);
    this.problems.set([]);
  }

  protected toggle(name: string, checked: boolean): void {
    this.selected.update((names) => {
      const next = new Set(names);
      if (checked) {
        next.add(name);
      } else {
        next.delete(name);
      }
      return next;
    });
  }

  protected outcome(name: string): Outcome | undefined {
    return this.outcomes().get(name);
  }

  /** One request at a time: the results read in order, and a failure does not stop the rest. */
  protected async registerSelected(): Promise<void> {
    const queue = this.servers().filter((s) => this.selected().has(s.name));
    if (queue.length === 0 || this.registering()) {
      return;
    }
    this.registering.set(true);
    this.runTotal.set(queue.length);
    this.runDone.set(0);
    this.outcomes.update((map) => new Map([...map].filter(([name]) => !queue.some((s) => s.name === name))));
    for (const server of queue) {
      this.setOutcome(server.name, { state: 'running' });
      try {
        const created = await firstValueFrom(this.api.register(importedServerRequest(server)));
        this.setOutcome(server.name, { state: 'registered', server: created });
        this.toggle(server.name, false);
      } catch (error) {
        this.setOutcome(server.name, { state: 'failed', problem: toConsoleError(error) });
      }
      this.runDone.update((done) => done + 1);
    }
    this.registering.set(false);
  }

  /** `npx -y pkg@1.0.2 /srv`, or the URL of a remote, as it will be registered. */
  protected registryTarget(registration: RegisterServerRequest): string {
    const { command, args, url } = registration.config;
    return url ?? [command, ...(args ?? [])].join(' ');
  }

  /** Env or headers as shown: a secret by its name only. */
  protected registryValues(registration: RegisterServerRequest): { name: string; value: string | null }[] {
    const values: Record<string, ConfigValue> = { ...(registration.config.env ?? {}), ...(registration.config.headers ?? {}) };
    return Object.entries(values).map(([name, value]) => ({ name, value: isSecretValue(value) ? null : value }));
  }

  protected async registerRegistry(): Promise<void> {
    const current = this.registry();
    if (!current || current.outcome?.state === 'running' || current.outcome?.state === 'registered') {
      return;
    }
    this.registry.set({ ...current, outcome: { state: 'running' } });
    try {
      const imported = await firstValueFrom(this.registryApi.register(current.document));
      this.registry.set({ ...current, outcome: { state: 'registered', server: imported.server as McpServer } });
    } catch (error) {
      this.registry.set({ ...current, outcome: { state: 'failed', problem: toConsoleError(error) } });
    }
  }

  protected close(): void {
    this.dialogRef.close();
  }

  private async previewRegistry(document: unknown): Promise<void> {
    this.previewing.set(true);
    this.problems.set([]);
    try {
      const preview = await firstValueFrom(this.registryApi.preview(document));
      this.registry.set({ document, preview, outcome: null });
      this.reviewing.set(true);
    } catch (error) {
      const problem = toConsoleError(error);
      const fields = problem.fields.map((field) => ({ entry: field.field, message: field.messages.join('; ') }));
      this.problems.set(fields.length > 0 ? fields : [{ entry: null, message: `${problem.message} (${problem.code})` }]);
    } finally {
      this.previewing.set(false);
    }
  }

  private setOutcome(name: string, outcome: Outcome): void {
    this.outcomes.update((map) => new Map(map).set(name, outcome));
  }
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
