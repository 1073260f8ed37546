/** Unit, adapter, client, CLI and reliability tests. Browser end-to-end tests live in jest.e2e.config.js. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.test.json" }],
  },
  moduleNameMapper: {
    // office-addin-mock pulls office-addin-manifest, whose ESM-only dependencies Jest 30 cannot require on Node 20.
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  testTimeout: 30000,
};
