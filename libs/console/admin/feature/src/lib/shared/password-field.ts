import {
  afterNextRender,
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  input,
  type OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTooltipModule } from '@angular/material/tooltip';

import { Notifier } from '@mcp-fleet/console/shared/data-access';
import { selectText, writeClipboard } from '@mcp-fleet/console/shared/ui';
import { AUTH_LIMITS } from '@mcp-fleet/shared/contracts';

import { generatePassword } from './password';
import { serverError } from './server-errors';

/** A new password: show/hide, generate a strong one, copy it to hand it over. */
@Component({
  selector: 'mf-password-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatTooltipModule],
  template: `
    <mat-form-field class="mf-password-field">
      <mat-label>{{ label() }}</mat-label>
      <input
        #input
        matInput
        [type]="visible() ? 'text' : 'password'"
        [formControl]="control()"
        autocomplete="new-password"
        spellcheck="false"
      />
      <button
        mat-icon-button
        matSuffix
        type="button"
        [attr.aria-label]="visible() ? 'Hide password' : 'Show password'"
        [attr.aria-pressed]="visible()"
        (click)="visible.set(!visible())"
      >
        <span class="material-symbols-outlined" aria-hidden="true">{{ visible() ? 'visibility_off' : 'visibility' }}</span>
      </button>
      <mat-hint>At least {{ min }} characters</mat-hint>
      @if (control().hasError('required')) {
        <mat-error>Enter a password</mat-error>
      } @else if (control().hasError('minlength')) {
        <mat-error>At least {{ min }} characters ({{ control().value.length }} now)</mat-error>
      } @else if (control().hasError('maxlength')) {
        <mat-error>At most {{ max }} characters</mat-error>
      } @else if (serverMessage()) {
        <mat-error>{{ serverMessage() }}</mat-error>
      }
    </mat-form-field>
    <div class="mf-password-tools">
      <button mat-stroked-button type="button" (click)="generate()">
        <span class="material-symbols-outlined" aria-hidden="true">casino</span> Generate password
      </button>
      <button mat-button type="button" [disabled]="!control().value" (click)="copy()">
        <span class="material-symbols-outlined" aria-hidden="true">content_copy</span> Copy password
      </button>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .mf-password-field {
      width: 100%;
    }
    .mf-password-tools {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0.5rem 0 0.75rem;
    }
  `,
})
export class PasswordField implements OnInit {
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Password');
  protected readonly min = AUTH_LIMITS.passwordMinLength;
  protected readonly max = AUTH_LIMITS.passwordMaxLength;
  protected readonly visible = signal(false);
  private readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');
  private readonly notifier = inject(Notifier);
  private readonly changes = inject(ChangeDetectorRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  ngOnInit(): void {
    // Errors set by the parent after an API call arrive outside this view's inputs.
    this.control()
      .events.pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.changes.markForCheck());
  }

  protected serverMessage(): string | null {
    return serverError(this.control());
  }

  protected generate(): void {
    this.control().setValue(generatePassword());
    this.control().markAsTouched();
    // A generated password is only useful if the admin can read it to hand it over.
    this.visible.set(true);
  }

  protected async copy(): Promise<void> {
    if (await writeClipboard(this.control().value)) {
      this.notifier.success('Password copied to the clipboard');
      return;
    }
    // Browsers never copy out of a password input: show it as text first, then select it.
    this.visible.set(true);
    afterNextRender(() => selectText(this.input().nativeElement), { injector: this.injector });
    this.notifier.success('Copying is blocked here: the password is selected, press Ctrl+C');
  }
}
