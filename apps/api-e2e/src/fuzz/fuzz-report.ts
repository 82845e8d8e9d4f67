import type { FuzzCase } from './fuzz-case';
import type { Outcome, RawRequest } from './raw-http';
import { bashQuote, reproduction } from './reproduce';
import type { Problem } from './response-checks';

/** One case the API answered wrongly, with everything needed to send it again. */
export class CaseFailure extends Error {
  constructor(
    readonly fuzzCase: FuzzCase,
    readonly request: RawRequest,
    readonly outcome: Outcome,
    readonly problems: Problem[],
  ) {
    super(problems.map((problem) => problem.message).join('; '));
  }
}

export interface ReportContext {
  readonly baseUrl: string;
  readonly tokens: Record<string, string>;
  readonly logLines: (text: string) => string[];
}

const BODY_PREVIEW = 600;

/** The failing request and response, the API's log for it, and commands that reproduce it. */
export function describeFailure(failure: CaseFailure, context: ReportContext): string {
  const { request, outcome } = failure;
  const lines = [
    `problems: ${failure.problems.map((problem) => `[${problem.kind}] ${problem.message}`).join('; ')}`,
    `persona: ${failure.fuzzCase.persona}`,
    `request: ${request.method} ${JSON.stringify(request.target).slice(1, -1)}`,
  ];
  for (const [name, value] of request.headers) {
    if (name !== 'authorization' || !Object.values(context.tokens).some((token) => value === `Bearer ${token}`)) {
      lines.push(`  ${name}: ${preview(value)}`);
    }
  }
  if (request.body) {
    lines.push(`  body (${request.body.length} bytes): ${preview(request.body.toString('utf8'))}`);
  }
  if ('response' in outcome) {
    lines.push(`response: ${outcome.response.status} after ${outcome.elapsedMs} ms: ${preview(outcome.response.body)}`);
    const correlationId = outcome.response.headers.get('x-correlation-id')?.[0];
    const logged = correlationId ? context.logLines(correlationId).filter((line) => !line.includes('"msg":"request completed"')) : [];
    if (logged.length) {
      lines.push('api log:', ...logged.slice(0, 5).map((line) => `  ${line}`));
    }
  } else {
    lines.push(`response: none (${outcome.error})`);
  }
  lines.push(
    'reproduce:',
    ...reproduction(context.baseUrl, request, context.tokens)
      .split('\n')
      .map((line) => `  ${line}`),
  );
  return lines.join('\n');
}

/** Shell lines that sign in and set the token variables the reproductions use. */
export function signInCommands(baseUrl: string, accounts: Record<string, { email: string; password: string }>): string {
  return Object.entries(accounts)
    .map(
      ([variable, account]) =>
        `${variable}=$(curl -s ${baseUrl}/api/auth/login -H 'content-type: application/json' --data-binary ${bashQuote(JSON.stringify(account))} | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken')`,
    )
    .join('\n');
}

function preview(text: string): string {
  const shown = JSON.stringify(text.length > BODY_PREVIEW ? text.slice(0, BODY_PREVIEW) : text).slice(1, -1);
  return text.length > BODY_PREVIEW ? `${shown}… (${text.length} characters)` : shown;
}

/** `Type: message` of the error the API logged for a request, digits masked so similar errors group. */
export function loggedError(lines: string[]): string | undefined {
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as { err?: { type?: unknown; message?: unknown } };
      if (entry.err) {
        return `${String(entry.err.type)}: ${String(entry.err.message).slice(0, 120).replace(/\d+/g, 'N')}`;
      }
    } catch {
      // not a JSON log line
    }
  }
  return undefined;
}
