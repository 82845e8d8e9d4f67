/**
 * Errors the API logs that no response shows. Some bugs answer correctly and fail behind the
 * response: a NUL in a path is refused with a 400, yet the audit row for the attempt cannot be
 * written, so the attempt vanishes from the audit trail. The only trace is an error in the log.
 * So an operation also fails when the API logged an error (level `error` or `fatal`) while it was
 * fuzzed, other than the 5xx responses already reported. Such errors are written after the
 * response (batched writers), so they cannot be pinned on one case and are not shrunk; the
 * requests sent just before are listed instead.
 */
export interface LoggedError {
  readonly time: number;
  readonly signature: string;
  readonly line: string;
  readonly correlationId?: string;
}

interface LogEntry {
  level?: number;
  time?: string;
  context?: string;
  msg?: string;
  correlationId?: string;
  err?: { type?: string; message?: string };
}

/** Error-level lines logged at or after `since` (epoch ms), with what distinguishes one from another. */
export function errorsLoggedSince(lines: string[], since: number): LoggedError[] {
  const errors: LoggedError[] = [];
  for (const line of lines) {
    if (!line.startsWith('{') || !/"level":[56]0/.test(line)) {
      continue;
    }
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      continue;
    }
    const time = entry.time ? Date.parse(entry.time) : NaN;
    if ((entry.level ?? 0) < 50 || !(time >= since)) {
      continue;
    }
    const cause = entry.err ? ` (${entry.err.type ?? 'Error'}: ${(entry.err.message ?? '').slice(0, 120).replace(/\d+/g, 'N')})` : '';
    errors.push({ time, signature: `${entry.context ?? '?'}: ${entry.msg ?? ''}${cause}`, line, correlationId: entry.correlationId });
  }
  return errors;
}

export interface SentRequest {
  readonly at: number;
  readonly summary: string;
}

/** One section per distinct error: how often, one line of it, and the requests sent just before. */
export function describeLoggedErrors(errors: LoggedError[], sent: readonly SentRequest[]): string[] {
  const groups = new Map<string, LoggedError[]>();
  for (const error of errors) {
    groups.set(error.signature, [...(groups.get(error.signature) ?? []), error]);
  }
  return [...groups].map(([signature, group]) => {
    const first = group[0];
    const before = sent.filter((request) => request.at <= first.time).slice(-3);
    return [
      `the API logged ${group.length} error(s) "${signature}" that no response shows; the first:`,
      `  ${first.line.length > 1500 ? `${first.line.slice(0, 1500)}…` : first.line}`,
      'requests sent just before it (most recent last):',
      ...before.map((request) => `  ${request.summary}`),
    ].join('\n');
  });
}
