import eslint from "@eslint/js";
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

/**
 * The layers and what each may not import (see docs/architecture.md). Each entry forbids imports
 * that resolve to a top-level directory of the repository, whatever the importing file's depth.
 */
const LAYER_RULES = {
  core: [
    "components",
    "config",
    "topology",
    "objectives",
    "preview",
    "policies",
    "scripts",
    "test",
  ],
  config: ["components", "topology", "preview", "policies", "objectives(?!/data$)"],
  components: ["config", "topology", "objectives", "preview", "policies"],
  objectives: ["components", "config", "topology", "preview", "policies"],
  topology: ["preview", "policies"],
  policies: ["components", "config", "topology", "objectives", "preview"],
  preview: ["components", "config", "topology", "policies"],
};

function layerBlocks() {
  const blocks = [];
  for (const [layer, forbidden] of Object.entries(LAYER_RULES)) {
    for (let depth = 1; depth <= 4; depth++) {
      blocks.push({
        files: [`${layer}/${"*/".repeat(depth - 1)}*.ts`],
        rules: {
          "no-restricted-imports": [
            "error",
            {
              patterns: [
                {
                  regex: `^(?:\\.\\./){${depth}}(?:${forbidden.join("|")})(?:/|$)`,
                  message: `The ${layer} layer may not import this layer (see docs/architecture.md).`,
                },
              ],
            },
          ],
        },
      });
    }
  }
  return blocks;
}

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "**/node_modules/",
      "bin/",
      "**/bin/",
      "**/dist/",
      "eslint.config.mjs",
      "scripts/run-ts.js",
      "test/corpus/",
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "@pulumi": pulumi },
    rules: {
      "@pulumi/no-output-in-template-literal": "error",
      "@pulumi/no-output-instance-in-template-literal": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  ...layerBlocks(),
  {
    files: ["test/**/*.ts", "policies/test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-expressions": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  {
    // Plain JavaScript loaded by Node before TypeScript can be: module hooks and the preload.
    files: ["**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      "@pulumi/no-output-in-template-literal": "off",
      "@pulumi/no-output-instance-in-template-literal": "off",
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", __dirname: "readonly", module: "writable" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
