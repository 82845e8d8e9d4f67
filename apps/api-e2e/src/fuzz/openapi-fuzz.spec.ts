import { operationTimeoutMs, readFuzzConfig } from './fuzz-config';
import { useFuzzHarness } from './fuzz-harness';
import { fuzzOperation } from './fuzz-runner';
import { KNOWN_OPERATIONS } from './known-operations';
import { listOperations } from './openapi';

/**
 * Property-based fuzzing of every operation in the OpenAPI document, as anonymous, viewer and
 * admin, with valid, boundary and hostile values (see hostile-values.ts). It fails on any 5xx,
 * any error body outside `{ statusCode, code, message, details?, correlationId }`, any request
 * slower than 2 s, and an API that stops answering. Knobs: fuzz-config.ts (`FUZZ_RUNS`,
 * `FUZZ_SEED`, `FUZZ_ONLY`, `FUZZ_COLLECT`).
 */
describe('fuzzing every operation of the OpenAPI document', () => {
  const config = readFuzzConfig();
  const harness = useFuzzHarness();
  const selected = (key: string) => !config.only || key.includes(config.only);

  beforeAll(() => {
    process.stderr.write(
      `fuzz: ${config.runs} cases per operation, FUZZ_SEED=${config.seed}${config.collect ? ', collecting every failure' : ''}\n`,
    );
  });

  for (const key of KNOWN_OPERATIONS.filter(selected)) {
    it(
      key,
      async () => {
        const operation = listOperations(harness.document).find((candidate) => candidate.key === key);
        if (!operation) {
          throw new Error(`${key} is no longer in the OpenAPI document: remove it from known-operations.ts`);
        }
        await fuzzOperation(harness, operation, config);
      },
      operationTimeoutMs(config),
    );
  }

  it(
    'fuzzes operations the document gained since known-operations.ts was written',
    async () => {
      const added = listOperations(harness.document).filter(
        (operation) => !KNOWN_OPERATIONS.includes(operation.key) && selected(operation.key),
      );
      const failures: string[] = [];
      for (const operation of added) {
        await fuzzOperation(harness, operation, config).catch((error: Error) => failures.push(error.message));
      }
      if (failures.length) {
        throw new Error(failures.join('\n\n'));
      }
    },
    30 * 60_000,
  );

  it('leaves an API that still answers', async () => {
    expect(await harness.stillAnswering()).toBeUndefined();
  });
});
