/**
 * Prints the closing line of the end-to-end run, `e2e: N passed, N failed`, which CI tooling
 * reads regardless of the test runner. A file that failed before its tests ran counts as failed.
 */
class E2eSummaryReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `e2e: ${passed} passed, ${failed} failed`;
    process.stdout.write(`\n${line}\n`);
    // The global teardown prints it again after the services have stopped, so it is the last line.
    globalThis.__BT_E2E_SUMMARY__ = line;
  }
}
module.exports = E2eSummaryReporter;
