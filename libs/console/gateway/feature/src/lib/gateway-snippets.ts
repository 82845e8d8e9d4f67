import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  Injector,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';

import { Notifier } from '@mcp-fleet/console/shared/data-access';
import { selectContents } from '@mcp-fleet/console/shared/ui';
import type { CreateApiTokenResponse, GatewayInfo } from '@mcp-fleet/shared/contracts';

import { CopyButton } from './copy-button';
import { buildSnippets, type ClientKind, entryName, maskToken, type SnippetTarget, TOKEN_PLACEHOLDER } from './snippets';

/** The fleet endpoint, in the endpoint picker. */
const FLEET = '';

const HINTS: Record<ClientKind, string> = {
  'claude-desktop':
    'Claude Desktop starts local commands only, so mcp-remote (Node 18 or later) bridges to the gateway. Merge this into the file and restart Claude Desktop.',
  vscode:
    'VS Code speaks Streamable HTTP itself. Put this in the workspace, or in your user configuration with "MCP: Open User Configuration".',
  generic: 'Any client that speaks Streamable HTTP: the URL and one header. The request below checks the token from a terminal.',
};

/**
 * Configuration to paste into MCP clients. A token created on this page is shown here once,
 * masked until revealed; the copy buttons always copy the real value.
 */
@Component({
  selector: 'mf-gateway-snippets',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButtonModule, MatFormFieldModule, MatSelectModule, MatTabsModule, CopyButton],
  templateUrl: './gateway-snippets.html',
  styleUrl: './gateway-snippets.scss',
})
export class GatewaySnippets {
  private readonly injector = inject(Injector);
  private readonly notifier = inject(Notifier);

  readonly info = input.required<GatewayInfo>();
  /** The token created on this page, if any: the only time its value is known. */
  readonly created = input<CreateApiTokenResponse | null>(null);
  readonly canCreate = input(false);
  readonly forget = output<void>();

  protected readonly placeholder = TOKEN_PLACEHOLDER;
  protected readonly fleet = FLEET;
  protected readonly hints = HINTS;
  protected readonly endpoint = signal<string>(FLEET);
  /** A new token starts masked, whatever the previous one was. */
  protected readonly revealed = linkedSignal({ source: this.created, computation: () => false });

  protected readonly target = computed<SnippetTarget>(() => {
    const id = this.endpoint();
    const server = id === FLEET ? undefined : this.info().servers.find((candidate) => candidate.serverId === id);
    return server ? { url: server.url, entry: entryName(server.name) } : { url: this.info().fleetUrl, entry: entryName(null) };
  });
  protected readonly shownToken = computed(() => {
    const created = this.created();
    if (!created) {
      return TOKEN_PLACEHOLDER;
    }
    return this.revealed() ? created.token : maskToken(created.token);
  });
  protected readonly snippets = computed(() => {
    const copies = buildSnippets(this.target(), this.created()?.token ?? TOKEN_PLACEHOLDER);
    return buildSnippets(this.target(), this.shownToken()).map((snippet, index) => ({ ...snippet, copy: copies[index].text }));
  });
  /** Which servers the new token may use, by name. */
  protected readonly scope = computed(() => {
    const ids = this.created()?.apiToken.serverIds ?? null;
    if (ids === null) {
      return 'all servers';
    }
    const names = new Map(this.info().servers.map((server) => [server.serverId, server.name]));
    return ids.map((id) => names.get(id) ?? id).join(', ');
  });

  protected toggleReveal(): void {
    this.revealed.update((shown) => !shown);
  }

  /** The clipboard is refused: show the real token, then select the text for Ctrl+C. */
  protected copyBlocked(element: HTMLElement): void {
    this.revealed.set(true);
    afterNextRender(() => selectContents(element), { injector: this.injector });
    this.notifier.failure('Copying is blocked here: the text is selected, press Ctrl+C (⌘C on a Mac)');
  }
}
