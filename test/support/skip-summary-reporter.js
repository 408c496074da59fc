// Prints, at the end of every jest run, which suites or tests were skipped and why.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const SKIP_DIR = join(__dirname, '..', '..', '.tmp', 'skips');

class SkipSummaryReporter {
  onRunComplete() {
    let records = [];
    try {
      records = readdirSync(SKIP_DIR).map((f) =>
        JSON.parse(readFileSync(join(SKIP_DIR, f), 'utf8')),
      );
    } catch {
      records = [];
    }
    if (records.length === 0) {
      process.stdout.write('\nSkipped with a reason: nothing.\n');
      return;
    }
    process.stdout.write(
      `\nSkipped with a reason (${records.length}): a missing service or a case the adapter cannot have\n`,
    );
    for (const r of records) process.stdout.write(`  - ${r.suite}: ${r.reason}\n`);
  }
}

module.exports = SkipSummaryReporter;
