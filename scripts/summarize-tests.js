// Folds the Jest JSON reports and the pass/fail of the non-Jest steps into one closing line.
const fs = require("fs");
const path = require("path");

const [outDir, ...steps] = process.argv.slice(2);
let passed = 0;
let failed = 0;

for (const step of steps) {
  const [name, result] = step.split(":");
  if (result === "pass") passed++;
  else {
    failed++;
    console.log(`FAILED step: ${name}`);
  }
}

for (const report of ["jest-unit.json", "jest-e2e.json"]) {
  const file = path.join(outDir, report);
  if (!fs.existsSync(file)) {
    failed++;
    console.log(`FAILED: ${report} was not written (the suite crashed before reporting)`);
    continue;
  }
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A suite that fails to load has no failed tests but must still fail the run.
  for (const suite of json.testResults) {
    if (suite.status === "failed" && suite.assertionResults.every((a) => a.status !== "failed")) {
      failed++;
      console.log(`FAILED suite: ${path.relative(process.cwd(), suite.name)}: ${suite.message.split("\n").slice(0, 5).join(" ")}`);
    }
  }
  if (json.numTotalTests === 0) {
    failed++;
    console.log(`FAILED: ${report} ran no test`);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
