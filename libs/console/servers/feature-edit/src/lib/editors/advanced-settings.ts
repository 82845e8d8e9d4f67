import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { PROTOCOL_OPTIONS, protocolSetting, TOOL_POLICY_OPTIONS, toolPolicySetting } from '@mcp-fleet/console/servers/util';
import { type NumericConfigField, SERVER_CONFIG_BOUNDS } from '@mcp-fleet/shared/contracts';

import { type AdvancedGroup, errorText } from '../server-form';
import { refreshOnFormEvents } from './form-refresh';

interface NumericField {
  key: NumericConfigField;
  label: string;
  hint: string;
  min: number;
  max: number;
  placeholder: string;
}

const format = (value: number) => value.toLocaleString('en-US');

const DESCRIPTIONS: Record<NumericConfigField, [label: string, what: string]> = {
  startupTimeoutMs: ['Startup timeout (ms)', 'First connect and handshake'],
  requestTimeoutMs: ['Request timeout (ms)', 'One MCP request'],
  killTimeoutMs: ['Kill timeout (ms)', 'SIGTERM to SIGKILL on stop'],
  retryAttempts: ['Retry attempts', 'Failed starts retried'],
  healthCheckIntervalMs: ['Health check interval (ms)', 'Between health probes'],
  healthCheckTimeoutMs: ['Health check timeout (ms)', 'One health probe'],
  healthFailureThreshold: ['Health failure threshold', 'Failed probes before unhealthy'],
  maxRestarts: ['Max restarts (per 10 min)', 'Crashes tolerated before error'],
};

const FIELDS: NumericField[] = (Object.keys(DESCRIPTIONS) as NumericConfigField[]).map((key) => {
  const { min, max, default: fallback } = SERVER_CONFIG_BOUNDS[key];
  const [label, what] = DESCRIPTIONS[key];
  return { key, label, min, max, placeholder: `${format(fallback)} (default)`, hint: `${what}; ${format(min)}–${format(max)}` };
});

/** Protocol, tool-drift policy, timeouts and restart policy. Empty fields take the documented default (shown as placeholder). */
@Component({
  selector: 'mf-advanced-settings',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatExpansionModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  templateUrl: './advanced-settings.html',
  styleUrl: './advanced-settings.scss',
})
export class AdvancedSettings {
  readonly group = input.required<AdvancedGroup>();
  readonly expanded = model(false);
  protected readonly fields = FIELDS;
  protected readonly errorText = errorText;
  protected readonly protocols = PROTOCOL_OPTIONS;
  protected protocolHint(): string {
    return protocolSetting(this.group().controls.protocol.value).hint;
  }
  protected readonly toolPolicies = TOOL_POLICY_OPTIONS;
  protected toolPolicyHint(): string {
    const choice = this.group().controls.toolPolicy.value;
    return toolPolicySetting(choice === 'default' ? null : choice).hint;
  }

  constructor() {
    refreshOnFormEvents(this.group);
  }
}
