/**
 * Ends every Jest run with one plain line, `Tests: N passed, N failed, N skipped`,
 * so any CI can read the outcome without parsing Jest's table. It is written when the
 * process exits, after Jest's own summary, so it is the last line of the run.
 */
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stdout.write(line));
  }
}

module.exports = PlainSummaryReporter;
