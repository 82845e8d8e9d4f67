import { CORRELATION_ID_HEADER, ERROR_CODES } from '@mcp-fleet/shared/contracts';

import type { Outcome, RawRequest, RawResponse } from './raw-http';

/**
 * No single request may take longer, whatever it carries: the mark of a hang or of an event loop
 * blocked by one request. Not a speed target: the suite runs beside every other test file on
 * machines whose speed varies up to 4×, where a restart of a real server (two processes) or a
 * password hash took over 2 s in a full run.
 */
export const MAX_REQUEST_MS = 5000;

/** A correlation id the API echoes (README, Errors); anything else must be replaced by a fresh one. */
const ECHOABLE = /^[A-Za-z0-9._:-]{1,128}$/;

const ERROR_KEYS: ReadonlySet<string> = new Set(['statusCode', 'code', 'message', 'details', 'correlationId']);
const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export interface Problem {
  /** Stable across cases of the same bug: failures are grouped by it. */
  readonly kind: 'no-answer' | 'server-error' | 'error-shape' | 'slow' | 'correlation-id';
  readonly message: string;
}

/** Everything wrong with how the API answered `request`; empty when the answer keeps the contract. */
export function checkOutcome(request: RawRequest, outcome: Outcome): Problem[] {
  if ('error' in outcome) {
    return [
      {
        kind: 'no-answer',
        message: `${outcome.error} (after ${outcome.elapsedMs} ms)`,
      },
    ];
  }
  const { response, elapsedMs } = outcome;
  const problems: Problem[] = [];
  if (response.status >= 500) {
    problems.push({
      kind: 'server-error',
      message: `status ${response.status}`,
    });
  }
  if (response.status >= 400) {
    problems.push(...errorShapeProblems(response));
  }
  if (elapsedMs > MAX_REQUEST_MS) {
    problems.push({
      kind: 'slow',
      message: `answered in ${elapsedMs} ms (limit ${MAX_REQUEST_MS} ms)`,
    });
  }
  problems.push(...correlationProblems(request, response));
  return problems;
}

function errorShapeProblems(response: RawResponse): Problem[] {
  const problem = (message: string): Problem[] => [{ kind: 'error-shape', message }];
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return problem(`a ${response.status} whose body is not JSON: ${JSON.stringify(response.body.slice(0, 200))}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return problem(`a ${response.status} whose body is not an object`);
  }
  const error = body as Record<string, unknown>;
  const issues: string[] = [];
  const extra = Object.keys(error).filter((key) => !ERROR_KEYS.has(key));
  if (extra.length) {
    issues.push(`keys outside the error shape: ${extra.join(', ')}`);
  }
  if (error['statusCode'] !== response.status) {
    issues.push(`statusCode ${JSON.stringify(error['statusCode'])} is not the HTTP status ${response.status}`);
  }
  if (typeof error['code'] !== 'string' || !KNOWN_CODES.has(error['code'])) {
    issues.push(`code ${JSON.stringify(error['code'])} is not one of ERROR_CODES`);
  }
  if (typeof error['message'] !== 'string') {
    issues.push('message is not a string');
  }
  if (typeof error['correlationId'] !== 'string' || error['correlationId'] === '') {
    issues.push('correlationId is missing');
  }
  const headerId = response.headers.get(CORRELATION_ID_HEADER)?.[0];
  if (typeof error['correlationId'] === 'string' && headerId !== undefined && error['correlationId'] !== headerId) {
    issues.push(`correlationId ${JSON.stringify(error['correlationId'])} differs from the ${CORRELATION_ID_HEADER} header`);
  }
  return issues.length ? problem(issues.join('; ')) : [];
}

/** Every response carries a correlation id: the caller's when it is echoable, never a hostile one. */
function correlationProblems(request: RawRequest, response: RawResponse): Problem[] {
  const problem = (message: string): Problem[] => [{ kind: 'correlation-id', message }];
  const returned = response.headers.get(CORRELATION_ID_HEADER) ?? [];
  if (returned.length !== 1) {
    return problem(`the response has ${returned.length} ${CORRELATION_ID_HEADER} headers, not 1`);
  }
  if (!ECHOABLE.test(returned[0])) {
    return problem(`the response's ${CORRELATION_ID_HEADER} ${JSON.stringify(returned[0].slice(0, 200))} is not a safe id`);
  }
  const sent = request.headers.filter(([name]) => name.toLowerCase() === CORRELATION_ID_HEADER).map(([, value]) => value);
  if (sent.length === 1 && ECHOABLE.test(sent[0]) && returned[0] !== sent[0]) {
    return problem(`the valid ${CORRELATION_ID_HEADER} ${JSON.stringify(sent[0])} was not echoed (got ${JSON.stringify(returned[0])})`);
  }
  return [];
}

/** What distinguishes one bug from another across cases: the problems' kinds, the status and the code. */
export function failureSignature(problems: Problem[], outcome: Outcome): string {
  const status = 'response' in outcome ? outcome.response.status : 'none';
  let code = '';
  if ('response' in outcome) {
    try {
      const parsed = JSON.parse(outcome.response.body) as { code?: unknown };
      code = typeof parsed.code === 'string' ? parsed.code : 'no-code';
    } catch {
      code = 'non-json';
    }
  }
  return `${[...new Set(problems.map((p) => p.kind))].sort().join('+')} ${status} ${code}`.trim();
}
