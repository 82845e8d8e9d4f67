import fc from 'fast-check';

import { buildRequest } from './build-request';
import { caseArbitrary } from './case-arbitrary';
import type { FuzzCase } from './fuzz-case';
import { type FuzzConfig, operationSeed } from './fuzz-config';
import { FUZZ_ACCOUNTS, type FuzzHarness } from './fuzz-harness';
import { CaseFailure, describeFailure, loggedError, type ReportContext, signInCommands } from './fuzz-report';
import { describeLoggedErrors, errorsLoggedSince, type SentRequest } from './log-oracle';
import type { Operation } from './openapi';
import { send } from './raw-http';
import { checkOutcome, failureSignature } from './response-checks';
import { valueHints } from './value-hints';

/** Requests remembered for the log oracle, which lists those sent just before an error. */
const REMEMBERED_REQUESTS = 50;
/** Batched writers log their failures shortly after the response that queued the row. */
const LOG_SETTLE_MS = 500;

/**
 * Fuzzes one operation: `config.runs` cases, each sent and checked on its own. By default the
 * first failure is shrunk and reported (with its seed); with `FUZZ_COLLECT=1` every distinct
 * failure is reported instead. Either way the operation fails if the API stops answering, or
 * logs an error that no response showed (see log-oracle.ts).
 */
export async function fuzzOperation(harness: FuzzHarness, operation: Operation, config: FuzzConfig): Promise<void> {
  const started = Date.now();
  const notes = await harness.prepare();
  const arbitrary = caseArbitrary(harness.document, operation, valueHints(harness.facts));
  const seed = operationSeed(config.seed, operation.key);
  const collected: CaseFailure[] = [];
  const recent: SentRequest[] = [];
  const reported5xx = new Set<string>();
  const since = Date.now();
  let firstFailureAt: number | undefined;
  let sent = 0;

  const property = fc.asyncProperty(arbitrary, async (fuzzCase: FuzzCase) => {
    // Past the budget, shrink candidates pass unsent: fast-check then reports the smallest
    // failing case found so far, and a case that hangs the API cannot make shrinking endless.
    if (firstFailureAt !== undefined && Date.now() - firstFailureAt > config.shrinkBudgetMs) {
      return;
    }
    const request = await buildRequest(operation, fuzzCase, harness.context);
    const outcome = await send(harness.url, request, config.requestTimeoutMs);
    sent += 1;
    recent.push({ at: Date.now(), summary: `${fuzzCase.persona} ${request.method} ${JSON.stringify(request.target).slice(1, 200)}` });
    recent.splice(0, recent.length - REMEMBERED_REQUESTS);
    if ('response' in outcome && outcome.response.status >= 500) {
      reported5xx.add(outcome.response.headers.get('x-correlation-id')?.[0] ?? '');
    }
    const problems = checkOutcome(request, outcome);
    if (problems.length === 0) {
      return;
    }
    const failure = new CaseFailure(fuzzCase, request, outcome, problems);
    if ('error' in outcome) {
      await harness.recover();
    }
    if (config.collect) {
      collected.push(failure);
      return;
    }
    firstFailureAt ??= Date.now();
    throw failure;
  });
  const details = await fc.check(property, { seed, numRuns: config.runs });
  const afterwards = await harness.stillAnswering();
  await new Promise((resolve) => setTimeout(resolve, LOG_SETTLE_MS));
  const unexplained = errorsLoggedSince(harness.logLines('"level":'), since).filter(
    (error) => error.correlationId === undefined || !reported5xx.has(error.correlationId),
  );

  const context: ReportContext = {
    baseUrl: harness.url,
    tokens: harness.tokens(),
    logLines: harness.logLines,
  };
  const replay = `replay: FUZZ_SEED=${config.seed} FUZZ_ONLY='${operation.key}' (this operation's fast-check seed is ${seed})`;
  const sections: string[] = [];
  if (details.failed) {
    const failure = details.errorInstance;
    const shrunk = `after ${details.numRuns} of ${config.runs} cases, shrunk ${details.numShrinks} times`;
    sections.push(
      failure instanceof CaseFailure
        ? `${operation.key} failed ${shrunk}; the smallest failing case:\n${describeFailure(failure, context)}`
        : `${operation.key}: the fuzz run itself failed ${shrunk}: ${String(failure)}`,
    );
  }
  for (const [signature, { failure, count }] of groupFailures(collected, harness.logLines)) {
    sections.push(`${operation.key}: ${count} case(s) failed as "${signature}"; the first:\n${describeFailure(failure, context)}`);
  }
  if (afterwards) {
    sections.push(`${operation.key}: ${afterwards}`);
  }
  sections.push(...describeLoggedErrors(unexplained, recent).map((section) => `${operation.key}: ${section}`));
  const verdict = sections.length ? `FAILED (${sections.length} problem(s))` : 'ok';
  process.stderr.write(
    `fuzz ${operation.key}: ${details.numRuns} cases, ${sent} requests, ${Date.now() - started} ms, ${verdict}${notes.length ? ` [${notes.join('; ')}]` : ''}\n`,
  );
  if (sections.length) {
    throw new Error([...sections, 'token variables used above:', signInCommands(harness.url, FUZZ_ACCOUNTS), replay].join('\n\n'));
  }
}

/**
 * Distinct failures: the same problems, status and code, and for a 5xx the error the API logged
 * (two 500s thrown by different code are two bugs).
 */
function groupFailures(
  failures: CaseFailure[],
  logLines: (text: string) => string[],
): Map<string, { failure: CaseFailure; count: number }> {
  const groups = new Map<string, { failure: CaseFailure; count: number }>();
  for (const failure of failures) {
    const correlationId = 'response' in failure.outcome ? failure.outcome.response.headers.get('x-correlation-id')?.[0] : undefined;
    const cause = correlationId ? loggedError(logLines(correlationId)) : undefined;
    const signature = `${failureSignature(failure.problems, failure.outcome)}${cause ? ` (${cause})` : ''}`;
    const seen = groups.get(signature);
    groups.set(signature, { failure: seen?.failure ?? failure, count: (seen?.count ?? 0) + 1 });
  }
  return groups;
}
