import { ChangeDetectionStrategy, Component, signal, type OnInit } from '@angular/core';

interface FleetSummary {
  total: number;
}

/**
 * Placeholder shell until the console issue lands: it proves the console is served by
 * the API on the same port and that the API answers.
 */
@Component({
  selector: 'mf-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="placeholder">
      <h1>mcp-fleet</h1>
      <p>Control plane for fleets of Model Context Protocol servers.</p>
      <p class="status" role="status" aria-live="polite">
        @switch (state()) {
          @case ('loading') { Checking the API… }
          @case ('ok') { API is up · {{ serverCount() }} registered server(s) }
          @case ('error') { The API did not answer. }
        }
      </p>
      <p>
        The full console is on its way. Meanwhile, use the REST API:
        <a href="/api/docs">API documentation</a>.
      </p>
    </main>
  `,
  styles: `
    .placeholder {
      max-width: 40rem;
      margin: 4rem auto;
      padding: 0 1rem;
      font-family: system-ui, sans-serif;
      line-height: 1.5;
    }
    .status {
      font-weight: 600;
    }
  `,
})
export class App implements OnInit {
  protected readonly state = signal<'loading' | 'ok' | 'error'>('loading');
  protected readonly serverCount = signal(0);

  ngOnInit(): void {
    void this.loadSummary();
  }

  private async loadSummary(): Promise<void> {
    try {
      const response = await fetch('/api/mcp/servers?pageSize=1');
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      const summary = (await response.json()) as FleetSummary;
      this.serverCount.set(summary.total);
      this.state.set('ok');
    } catch {
      this.state.set('error');
    }
  }
}
