// Mocha reporter: the usual spec output, plus the run's counts written as JSON to $VA_STATS_FILE so that
// test/run.ts can add up several mocha runs and print the one closing line CI reads.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let pending = 0;
    runner.on(EVENT_TEST_PENDING, () => { pending += 1; });
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.VA_STATS_FILE;
      if (!file) return;
      const { passes, failures } = runner.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}

module.exports = CountReporter;
