import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Subscription } from 'rxjs';

import { ServersApi } from '@mcp-fleet/console/servers/data-access';
import { resourcePreview } from '@mcp-fleet/console/servers/util';
import { type ConsoleError, toConsoleError } from '@mcp-fleet/console/shared/data-access';
import { type ReadResourceResponse, RESOURCE_READ_LIMITS } from '@mcp-fleet/shared/contracts';

const MAX_MB = RESOURCE_READ_LIMITS.maxBytes / (1024 * 1024);

/**
 * Reads one resource as soon as it is shown (and again on request) and previews what came:
 * text as text, JSON pretty-printed, raster images as images, other binary by size and type.
 */
@Component({
  selector: 'mf-resource-reader',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatProgressBarModule],
  templateUrl: './resource-reader.html',
  styleUrls: ['./catalog-panel.scss', './resource-reader.scss'],
})
export class ResourceReader {
  private readonly api = inject(ServersApi);
  private subscription: Subscription | null = null;

  readonly serverId = input.required<string>();
  readonly uri = input.required<string>();
  /** The type the resource was listed with, for contents that carry none. */
  readonly mimeType = input<string | null>(null);
  readonly running = input.required<boolean>();
  /** Changed by the caller to read the same URI again. */
  readonly attempt = input(0);

  protected readonly reading = signal(false);
  protected readonly response = signal<ReadResourceResponse | null>(null);
  protected readonly error = signal<ConsoleError | null>(null);
  protected readonly previews = computed(() => (this.response()?.contents ?? []).map((item) => resourcePreview(item, this.mimeType())));
  protected readonly tooLarge = computed(() => this.error()?.code === 'RESOURCE_TOO_LARGE');
  protected readonly maxMb = MAX_MB;

  constructor() {
    effect(() => {
      const serverId = this.serverId();
      const uri = this.uri();
      this.attempt();
      if (this.running()) {
        untracked(() => this.read(serverId, uri));
      }
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  protected readAgain(): void {
    this.read(this.serverId(), this.uri());
  }

  private read(serverId: string, uri: string): void {
    this.subscription?.unsubscribe();
    this.reading.set(true);
    this.error.set(null);
    this.subscription = this.api.readResource(serverId, uri).subscribe({
      next: (response) => {
        this.response.set(response);
        this.reading.set(false);
      },
      error: (error: unknown) => {
        this.response.set(null);
        this.error.set(toConsoleError(error));
        this.reading.set(false);
      },
    });
  }
}
