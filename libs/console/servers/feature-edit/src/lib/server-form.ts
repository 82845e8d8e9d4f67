import {
  type AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';

import type { ToolPolicyChoice } from '@mcp-fleet/console/servers/util';
import {
  DEFAULT_SERVER_PROTOCOL,
  type NumericConfigField,
  SERVER_CONFIG_BOUNDS,
  SERVER_LIMITS as L,
  type ServerProtocol,
  type ServerTransport,
} from '@mcp-fleet/shared/contracts';

import { type ConfigRowValue, isRemoteTransport, NUMERIC_FIELDS, parseExitCodes, type ServerFormValue } from './server-form-value';

export type ConfigRowGroup = FormGroup<{
  name: FormControl<string>;
  value: FormControl<string>;
  secret: FormControl<boolean>;
  stored: FormControl<boolean>;
}>;
export type ConfigRows = FormArray<ConfigRowGroup>;
export type ArgRows = FormArray<FormControl<string>>;
export type AdvancedGroup = FormGroup<
  Record<NumericConfigField, FormControl<number | null>> & {
    stopExitCodes: FormControl<string>;
    protocol: FormControl<ServerProtocol>;
    toolPolicy: FormControl<ToolPolicyChoice>;
  }
>;

/** Which rules a row's name follows: env variable names or HTTP header names. */
export type RowKind = 'env' | 'headers';

const text = (value = '', validators: ValidatorFn[] = []) => new FormControl(value, { nonNullable: true, validators });

/** The API refuses control characters in header values (CR/LF would split a header) and NUL anywhere. */
function forbiddenCharacters(pattern: RegExp, message: string): ValidatorFn {
  return (control: AbstractControl<string>) => (pattern.test(control.value ?? '') ? { forbidden: message } : null);
}

/** A program name or an absolute path, never a shell line: arguments go in their own rows. */
const commandShape: ValidatorFn = (control: AbstractControl<string>) => {
  const value = control.value.trim();
  if (/\s/.test(value)) {
    return { forbidden: 'No spaces: put each argument in its own row under Arguments' };
  }
  if (value.includes('/') && !value.startsWith('/')) {
    return { forbidden: 'Use a program name (node, npx) or an absolute path' };
  }
  return null;
};

const absolutePath: ValidatorFn = (control: AbstractControl<string>) =>
  control.value && !control.value.startsWith('/') ? { forbidden: 'Must be an absolute path (starting with /)' } : null;

const httpUrl: ValidatorFn = (control: AbstractControl<string>) => {
  const value = control.value.trim();
  if (!value) {
    return null;
  }
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? null : { forbidden: 'Use an http:// or https:// URL' };
  } catch {
    return { forbidden: 'Not a valid URL (for example https://mcp.example.com/mcp)' };
  }
};

const exitCodes: ValidatorFn = (control: AbstractControl<string>) => {
  const codes = parseExitCodes(control.value);
  if (codes === null) {
    return { forbidden: 'Whole numbers separated by commas' };
  }
  if (codes.length > 20) {
    return { forbidden: 'At most 20 exit codes' };
  }
  return codes.some((code) => code > 255) ? { forbidden: 'Exit codes are 0 to 255' } : null;
};

const tagsRule: ValidatorFn = (control: AbstractControl<string[]>) => {
  const tags = control.value;
  if (tags.length > L.maxTags) {
    return { forbidden: `At most ${L.maxTags} tags` };
  }
  const bad = tags.find((tag) => tag.length > L.tagMaxLength || !L.tagPattern.test(tag));
  return bad ? { forbidden: `"${bad}": lowercase letters, digits, ".", "_", ":" and "-"` } : null;
};

/** Names in a list must be unique: a second API_KEY would silently replace the first. */
const uniqueNames: ValidatorFn = (control: AbstractControl) => {
  const rows = (control as ConfigRows).controls;
  const seen = new Map<string, ConfigRowGroup>();
  for (const row of rows) {
    const name = row.controls.name;
    const key = name.value.trim();
    const duplicate = key !== '' && seen.has(key);
    const errors = name.errors ?? {};
    if (duplicate && !errors['duplicate']) {
      name.setErrors({ ...errors, duplicate: true });
    } else if (!duplicate && errors['duplicate']) {
      const rest = Object.fromEntries(Object.entries(errors).filter(([key]) => key !== 'duplicate'));
      name.setErrors(Object.keys(rest).length > 0 ? rest : null);
    }
    seen.set(key, row);
  }
  return null;
};

/**
 * A secret needs a value unless it keeps the one stored on the server. Reads its row, so
 * the row editor re-runs it when the Secret toggle changes.
 */
const secretNeedsValue: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const row = control.parent as ConfigRowGroup | null;
  if (!row) {
    return null;
  }
  const { secret, stored } = row.getRawValue();
  return secret && !stored && control.value === '' ? { required: true } : null;
};

export function createConfigRow(kind: RowKind, row?: Partial<ConfigRowValue>): ConfigRowGroup {
  const env = kind === 'env';
  const group = new FormGroup({
    name: text(row?.name ?? '', [
      Validators.required,
      Validators.maxLength(env ? L.envNameMaxLength : L.headerNameMaxLength),
      Validators.pattern(env ? L.envNamePattern : L.headerNamePattern),
    ]),
    value: text(row?.value ?? '', [
      Validators.maxLength(env ? L.envValueMaxLength : L.headerValueMaxLength),
      env
        ? forbiddenCharacters(/\0/, 'NUL characters are not allowed')
        : forbiddenCharacters(/[\r\n\0]/, 'No line breaks in a header value'),
      secretNeedsValue,
    ]),
    secret: new FormControl(row?.secret ?? false, { nonNullable: true }),
    stored: new FormControl(row?.stored ?? false, { nonNullable: true }),
  });
  // The value's rule reads its row, which did not exist while the control was built.
  group.controls.value.updateValueAndValidity({ emitEvent: false });
  return group;
}

export function createArgControl(value = ''): FormControl<string> {
  return text(value, [Validators.maxLength(L.argMaxLength), forbiddenCharacters(/\0/, 'NUL characters are not allowed')]);
}

const integer: ValidatorFn = (control: AbstractControl<number | null>) =>
  control.value === null || Number.isInteger(control.value) ? null : { forbidden: 'A whole number' };

function createAdvanced(): AdvancedGroup {
  const numbers = Object.fromEntries(
    NUMERIC_FIELDS.map((field) => {
      const bounds = SERVER_CONFIG_BOUNDS[field];
      return [field, new FormControl<number | null>(null, [Validators.min(bounds.min), Validators.max(bounds.max), integer])];
    }),
  ) as Record<NumericConfigField, FormControl<number | null>>;
  return new FormGroup({
    ...numbers,
    stopExitCodes: text('', [exitCodes]),
    protocol: new FormControl<ServerProtocol>(DEFAULT_SERVER_PROTOCOL, { nonNullable: true }),
    toolPolicy: new FormControl<ToolPolicyChoice>('default', { nonNullable: true }),
  });
}

/** The add/edit form. Only the transport family in use is enabled, so only it is validated. */
export function createServerForm() {
  return new FormGroup({
    name: text('', [Validators.required, Validators.maxLength(L.nameMaxLength), Validators.pattern(L.namePattern)]),
    description: text('', [Validators.maxLength(L.descriptionMaxLength)]),
    type: text('', [Validators.maxLength(L.typeMaxLength), Validators.pattern(L.typePattern)]),
    tags: new FormControl<string[]>([], { nonNullable: true, validators: [tagsRule] }),
    enabled: new FormControl(true, { nonNullable: true }),
    transport: new FormControl<ServerTransport>('stdio', { nonNullable: true }),
    stdio: new FormGroup({
      command: text('', [Validators.required, Validators.maxLength(L.commandMaxLength), commandShape]),
      args: new FormArray<FormControl<string>>([], [Validators.maxLength(L.maxArgs)]),
      env: new FormArray<ConfigRowGroup>([], [Validators.maxLength(L.maxEnv), uniqueNames]),
      cwd: text('', [Validators.maxLength(L.cwdMaxLength), absolutePath]),
    }),
    remote: new FormGroup({
      url: text('', [Validators.required, Validators.maxLength(L.urlMaxLength), httpUrl]),
      headers: new FormArray<ConfigRowGroup>([], [Validators.maxLength(L.maxHeaders), uniqueNames]),
    }),
    advanced: createAdvanced(),
  });
}

export type ServerForm = ReturnType<typeof createServerForm>;

/** Enables the part of the form that belongs to the transport, disables the other. */
export function applyTransport(form: ServerForm, transport: ServerTransport): void {
  const remote = isRemoteTransport(transport);
  (remote ? form.controls.stdio : form.controls.remote).disable({ emitEvent: false });
  (remote ? form.controls.remote : form.controls.stdio).enable({ emitEvent: false });
}

/** Replaces the whole form content, rebuilding the row lists. */
export function setServerFormValue(form: ServerForm, value: ServerFormValue): void {
  const { stdio, remote } = form.controls;
  stdio.controls.args.clear({ emitEvent: false });
  value.stdio.args.forEach((arg) => stdio.controls.args.push(createArgControl(arg), { emitEvent: false }));
  stdio.controls.env.clear({ emitEvent: false });
  value.stdio.env.forEach((row) => stdio.controls.env.push(createConfigRow('env', row), { emitEvent: false }));
  remote.controls.headers.clear({ emitEvent: false });
  value.remote.headers.forEach((row) => remote.controls.headers.push(createConfigRow('headers', row), { emitEvent: false }));
  form.setValue(value);
  applyTransport(form, value.transport);
  form.updateValueAndValidity();
}

/** The form content as plain data, both transport families included. */
export function readServerForm(form: ServerForm): ServerFormValue {
  return form.getRawValue();
}

/** The first message of a control's own errors, for its <mat-error>. */
export function errorText(control: AbstractControl, label: string): string {
  const errors = control.errors;
  if (!errors) {
    return '';
  }
  if (errors['server']) return String(errors['server']);
  if (errors['required']) return `${label} is required`;
  if (errors['forbidden']) return String(errors['forbidden']);
  if (errors['duplicate']) return 'This name is already used above';
  if (errors['pattern']) return patternHint(label);
  if (errors['maxlength']) return `At most ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters`;
  if (errors['min']) return `At least ${(errors['min'] as { min: number }).min}`;
  if (errors['max']) return `At most ${(errors['max'] as { max: number }).max}`;
  return `${label} is invalid`;
}

function patternHint(label: string): string {
  switch (label) {
    case 'Name':
      return 'Letters, digits, ".", "_" and "-", starting with a letter or digit';
    case 'Type':
      return 'Lowercase letters, digits, ".", "_" and "-"';
    case 'Variable name':
      return 'Letters, digits and "_", not starting with a digit';
    case 'Header name':
      return "Letters, digits and !#$%&'*+.^_`|~- (no spaces)";
    default:
      return `${label} has characters that are not allowed`;
  }
}
