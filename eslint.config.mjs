import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const noOffice = {
  name: "Office",
  message: "Office.js is only used in src/excel (the Excel adapter) and src/commands.",
};
const noExcel = { name: "Excel", message: "Office.js is only used in src/excel (the Excel adapter)." };
const noFetch = { name: "fetch", message: "HTTP lives only in src/twenty (the Twenty client)." };
const noReact = { group: ["react", "react-dom", "react-dom/*", "@fluentui/*"], message: "React lives only in src/taskpane." };

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-output/**", "bench/tmp/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/no-context-sync-in-loop": "warn",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-office-initialize": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/sync/**/*.ts"],
    rules: {
      "no-restricted-globals": ["error", noOffice, noExcel, noFetch],
      "no-restricted-imports": ["error", { patterns: [noReact, { group: ["**/excel/**", "**/twenty/**", "**/taskpane/**", "**/cli/**"], message: "The engine depends on nothing but its ports." }] }],
    },
  },
  {
    files: ["src/twenty/**/*.ts"],
    rules: { "no-restricted-globals": ["error", noOffice, noExcel], "no-restricted-imports": ["error", { patterns: [noReact] }] },
  },
  {
    files: ["src/excel/**/*.ts"],
    rules: { "no-restricted-globals": ["error", noFetch], "no-restricted-imports": ["error", { patterns: [noReact] }] },
  },
  {
    files: ["src/cli/**/*.ts"],
    rules: { "no-restricted-globals": ["error", noOffice, noExcel, noFetch], "no-restricted-imports": ["error", { patterns: [noReact] }] },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    languageOptions: { globals: { require: "readonly", module: "writable", process: "readonly", __dirname: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
