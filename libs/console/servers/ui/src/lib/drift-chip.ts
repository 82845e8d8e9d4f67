import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

/** "1 definition needs approval", "3 definitions need approval". */
export function driftText(count: number): string {
  return `${count} ${count === 1 ? 'definition needs' : 'definitions need'} approval`;
}

/**
 * How many of a server's tool, resource and prompt definitions differ from their approved ones,
 * as a link to its drift panel (Tools tab). Shown wherever the server is (detail header, list
 * row, dashboard card); the caller shows it only when the count is above 0.
 */
@Component({
  selector: 'mf-drift-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <a
      class="mf-drift-chip"
      [class.mf-blocked]="blocked()"
      [attr.data-drift-count]="count()"
      [routerLink]="['/servers', serverId()]"
      [queryParams]="{ tab: 'tools' }"
      fragment="drift"
      [attr.aria-label]="label()"
    >
      <span class="material-symbols-outlined" aria-hidden="true">{{ blocked() ? 'block' : 'warning' }}</span>
      {{ text() }}
    </a>
  `,
  styles: `
    :host {
      display: inline-block;
      max-width: 100%;
    }
    .mf-drift-chip {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      padding: 0.125rem 0.625rem;
      border-radius: var(--mat-sys-corner-full);
      border: 1px solid var(--mf-warn);
      color: var(--mf-warn);
      font: var(--mat-sys-label-large);
      text-decoration: none;
      overflow-wrap: anywhere;
      &.mf-blocked {
        border-color: var(--mf-bad);
        color: var(--mf-bad);
      }
      &:hover {
        text-decoration: underline;
      }
      .material-symbols-outlined {
        font-size: 1.125rem;
      }
    }
  `,
})
export class DriftChip {
  readonly serverId = input.required<string>();
  readonly count = input.required<number>();
  /** Calls of changed and new tools are refused (the server's policy is `block`); said in the text. */
  readonly blocked = input(false);
  /** The server's name, for the link's accessible name where the text alone would not say whose. */
  readonly serverName = input<string | null>(null);

  protected readonly text = computed(() => {
    const what = driftText(this.count());
    return this.blocked() ? `${what}: calls of changed and new tools are blocked` : what;
  });
  protected readonly label = computed(() => {
    const name = this.serverName();
    return name ? `${name}: ${this.text()}` : null;
  });
}
