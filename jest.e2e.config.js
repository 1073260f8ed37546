/** Browser end-to-end tests: the built task pane in headless Chromium against the Twenty stand-in. Run after `npm run build`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
  testTimeout: 120000,
  maxWorkers: 1,
};
