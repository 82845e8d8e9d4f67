import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';

/** The console's keyboard shortcuts, for the handler and the help dialog alike. */
export const GO_TO: Readonly<Record<string, { path: string; label: string }>> = {
  d: { path: '/', label: 'Dashboard' },
  s: { path: '/servers', label: 'Servers' },
  e: { path: '/events', label: 'Events' },
};

export const SHORTCUTS: readonly { keys: readonly string[]; action: string }[] = [
  { keys: ['/'], action: 'Focus the search of this page (where it has one)' },
  ...Object.entries(GO_TO).map(([key, target]) => ({ keys: ['g', key], action: `Go to ${target.label}` })),
  { keys: ['Ctrl', 'K'], action: 'Jump to a page or a server by name (⌘K on a Mac)' },
  { keys: ['?'], action: 'Show this list' },
  { keys: ['Esc'], action: 'Close a dialog or menu' },
];

/** How long after `g` the second key still counts. */
export const SEQUENCE_MS = 1500;

/** Typing into a field, a select or an editable region: plain keys are text there, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable) {
    return true;
  }
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') {
    return true;
  }
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !/^(button|checkbox|radio|submit|reset|range|color|file|image)$/.test(type);
  }
  return target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'textbox';
}

/** The search field of the page shown: a search input, else the first field of a search landmark. */
export function pageSearchField(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>('#main input[type="search"], #main [role="search"] input:not([type="hidden"])');
}

@Component({
  selector: 'mf-shortcuts-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule],
  styles: `
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 0.375rem 0.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    kbd {
      display: inline-block;
      min-width: 1.5em;
      padding: 0.1em 0.4em;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 4px;
      font: var(--mat-sys-label-large);
      text-align: center;
    }
    td:first-child {
      white-space: nowrap;
    }
    .mf-then {
      padding: 0 0.25rem;
    }
  `,
  template: `
    <h2 mat-dialog-title>Keyboard shortcuts</h2>
    <mat-dialog-content>
      <table>
        <caption class="mf-muted">
          Shortcuts do not fire while you type in a field.
        </caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          @for (shortcut of shortcuts; track shortcut.action) {
            <tr>
              <td>
                @for (key of shortcut.keys; track $index) {
                  @if (!$first) {
                    <span class="mf-then">{{ shortcut.keys[0] === 'Ctrl' ? '+' : 'then' }}</span>
                  }
                  <kbd>{{ key }}</kbd>
                }
              </td>
              <td>{{ shortcut.action }}</td>
            </tr>
          }
        </tbody>
      </table>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close cdkFocusInitial>Close</button>
    </mat-dialog-actions>
  `,
})
export class ShortcutsDialog {
  protected readonly shortcuts = SHORTCUTS;
}
