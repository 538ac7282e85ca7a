// ESLint for the whole repository (`npm run lint`, run by CI with no warning allowed). It lives under
// .ci/ because the repository's top level is kept to the app's own folders; editors can point their ESLint
// integration at this file (VS Code: "eslint.options": { "overrideConfigFile": ".ci/eslint.config.js" }).
// Formatting is Prettier's business (settings in package.json); eslint-config-prettier turns off the
// rules that would argue with it.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "node_modules/**",
      ".sandbox/**",
      "tests/.artifacts/**",
      "public/build/**",
      "extensions/**/dist/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring something away).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Types say what props are; propTypes would repeat them.
      "react/prop-types": "off",
      // It flags ' and " in JSX text, which React renders as typed (the copy's apostrophes); its other two, > and }, are already compile errors in .tsx (TS1382, TS1381).
      "react/no-unescaped-entities": "off",
    },
  },
  {
    files: ["app/**/use*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["extensions/**/*.js"],
    languageOptions: { globals: globals.browser, sourceType: "script" },
  },
  prettier,
);
