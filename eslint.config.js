// ESLint flat config. Run by `npm run lint` (and so by `npm test`). Not type-aware, to keep it fast.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const TS_FILES = [
  "packages/*/src/**/*.{ts,tsx}",
  "infra/**/*.{ts,tsx}",
  "stacks/**/*.{ts,tsx}",
  "test/**/*.{ts,tsx}",
  "bench/**/*.{ts,tsx}",
  "scripts/**/*.{ts,tsx}",
  "sst.config.ts",
  "vitest.config.ts",
];
const JS_FILES = ["**/*.{js,mjs,cjs}"];

const CONFIG_ONLY =
  "Configuration is read only in the config module (packages/core/src/config): use Config.get() / Config.set().";
const CORE_PURE =
  "packages/core holds the domain and imports neither Hono nor Lambda: keep HTTP and handler code in packages/functions.";

const CLOCK_ONLY =
  "Read the present from the one clock (`Clock.now()`, `Clock.nowMs()`, `Clock.iso()` from @amparo/core/clock), which tests can move.";
const presentTime = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_ONLY },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: CLOCK_ONLY },
];

const staticOwnImports = {
  selector: "ImportExpression[source.value=/^[.][.]?[/]/]",
  message:
    "Import the project's own modules statically: a dynamic import() of one hangs the deployed bundle's loading.",
};

// `no-restricted-imports` settings replace each other rather than merge, so the core block repeats these.
const processEnvImports = [
  { name: "process", importNames: ["env"], message: CONFIG_ONLY },
  { name: "node:process", importNames: ["env"], message: CONFIG_ONLY },
];

export default defineConfig(
  {
    ignores: [
      "**/node_modules/",
      "**/.data/",
      "**/.test-data/",
      "**/.sst/",
      "**/.build/",
      "**/cdk.out/",
      "**/coverage/",
      "**/screenshots/",
      "**/test-results/",
      "**/playwright-report/",
    ],
  },

  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: JS_FILES,
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },

  // Rules for every linted file.
  {
    files: [...TS_FILES, ...JS_FILES],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: CONFIG_ONLY }],
      "no-restricted-imports": ["error", { paths: processEnvImports }],
    },
  },
  {
    files: TS_FILES,
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },

  // Core is the domain: no web framework, no Lambda types.
  {
    files: ["packages/core/src/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: processEnvImports,
          patterns: [
            { group: ["hono", "hono/*", "@hono/*"], message: CORE_PURE },
            { group: ["aws-lambda", "@types/aws-lambda"], message: CORE_PURE },
          ],
        },
      ],
    },
  },

  // The deployed code loads its own modules statically. A dynamic import() of one makes esbuild wrap the modules it
  // reaches in lazy initializers; with the secret module's top-level await those are async, and an import cycle
  // among them never settles: the Lambda bundle never finishes loading (test/infra/bundle-loads.test.ts).
  // Packages (the AWS SDK clients, the Encryption SDK) may be loaded on first use.
  {
    files: ["packages/*/src/**/*.{ts,tsx}"],
    ignores: ["packages/*/src/**/*.test.{ts,tsx}"],
    rules: { "no-restricted-syntax": ["error", staticOwnImports] },
  },
  // Core and the apps read the present from the one clock (packages/core/src/clock), which tests can move; the local
  // runtime waits for processes to start and stop, in real time.
  {
    files: ["packages/{core,functions}/src/**/*.{ts,tsx}"],
    ignores: ["packages/*/src/**/*.test.{ts,tsx}", "packages/core/src/clock/**"],
    rules: { "no-restricted-syntax": ["error", staticOwnImports, ...presentTime] },
  },

  // The config module is the one place that reads the environment.
  {
    files: ["packages/core/src/config/**"],
    rules: { "no-restricted-properties": "off" },
  },
  // `npm start` and `npm test` pass their own environment on to the processes they spawn (the platform, vitest,
  // apt-get); that is the child's environment, not an app setting, and the scripts run before dependencies are
  // installed.
  {
    files: ["scripts/*.mjs"],
    rules: { "no-restricted-properties": "off" },
  },
);
