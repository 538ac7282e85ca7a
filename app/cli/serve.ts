// The production HTTP server: static assets, then Remix. Run with `npm start` after `npm run build`.
// Request logs carry the method, path and status only: query strings can hold OAuth codes and states.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { Scheduler } from "../jobs/scheduler.server";

const root = path.resolve(import.meta.dirname, "../..");

export async function startServer(
  port: number,
  options: { extraRoutes?: (app: express.Express) => void } = {},
): Promise<{ server: Server; stop(): Promise<void> }> {
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  // Background jobs come from the same bundle as the routes, so they share its settings, database and clock.
  const entry = build.entry.module as { startBackgroundJobs?: () => Scheduler };
  const jobs = entry.startBackgroundJobs?.();
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const started = Date.now();
    res.on("finish", () => console.log(`${req.method} ${req.originalUrl.split("?")[0]} ${res.statusCode} ${Date.now() - started}ms`));
    next();
  });
  app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
  options.extraRoutes?.(app);
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, () => resolve(listening));
  });
  return {
    server,
    async stop() {
      await jobs?.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT || 3000);
  const running = await startServer(port);
  console.log(`Social Feed listening on http://localhost:${port}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void running.stop().then(() => process.exit(0)));
}
