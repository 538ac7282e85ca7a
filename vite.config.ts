/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

// One config for the app's build and for the tests. vitest sets VITEST=true before it loads this file;
// the Remix plugin (which takes over the dev server and the build) must not run under vitest.
const underVitest = Boolean(process.env.VITEST);

export default defineConfig({
  server: { port: Number(process.env.PORT || 3000), host: "localhost" },
  plugins: underVitest
    ? []
    : [
        remix({
          ignoredRouteFiles: ["**/.*"],
          future: {
            v3_fetcherPersist: true,
            v3_relativeSplatPath: true,
            v3_throwAbortReason: true,
            v3_lazyRouteDiscovery: true,
            v3_routeConfig: true,
          },
        }),
      ],
  build: { assetsInlineLimit: 0 },
  optimizeDeps: { include: ["@shopify/app-bridge-react", "@shopify/polaris"] },
  test: {
    root: import.meta.dirname,
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/environment.ts", "tests/setup/console-guard.ts"],
    pool: "forks",
    // Two files at once (vitest's default on a 2-core machine is one): most files spend their time waiting
    // on jobs, sweeps and browsers, not the CPU, and each file has its own database. About 8 min, not 11.
    maxWorkers: 2,
    minWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
