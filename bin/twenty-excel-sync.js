#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx (a runtime dependency), so there is no build step.
require("tsx/cjs");
require("../src/cli/main.ts");
