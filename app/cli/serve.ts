// The production process: `npm start` after `npm run build`. PROCESS_ROLE decides what it does: "all"
// (the default) serves the app and works the job queue; "web" only serves; "worker" only works the
// queue (and answers /healthz and /readyz for the orchestrator). Any number of each can share one
// database. Request logs carry the method, path and status only: query strings can hold OAuth codes.
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Server } from "node:http";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";

const root = path.resolve(import.meta.dirname, "../..");
const PROBES = new Set(["/healthz", "/readyz"]);

interface BackgroundWork {
  startBackgroundWork(): Promise<"all" | "web" | "worker">;
  stopBackgroundWork(): Promise<void>;
}

export async function startServer(
  port: number,
  options: { extraRoutes?: (app: express.Express) => void } = {},
): Promise<{ server: Server; role: string; stop(): Promise<void> }> {
  const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as ServerBuild;
  // Background work comes from the same bundle as the routes, so it shares its settings, database and clock.
  const background = build.entry.module as unknown as BackgroundWork;
  const role = await background.startBackgroundWork();
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    const started = Date.now();
    res.on("finish", () =>
      console.log(`${req.method} ${req.originalUrl.split("?")[0]} ${res.statusCode} ${Date.now() - started}ms`),
    );
    next();
  });
  if (role === "worker") {
    app.use((req, res, next) =>
      PROBES.has(req.path)
        ? next()
        : res.status(404).type("text/plain").send("This process only runs background jobs."),
    );
  } else {
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(express.static(path.join(root, "build/client"), { maxAge: "1h" }));
    options.extraRoutes?.(app);
  }
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, () => resolve(listening)).once("error", reject);
  });
  return {
    server,
    role,
    async stop() {
      // New connections are refused at once; requests in flight and running jobs get to finish.
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await background.stopBackgroundWork();
      await closed;
    },
  };
}

/** A port another program holds: one plain line naming it and the setting that moves it. */
export function portInUse(error: unknown, port: number, setting: string): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "EADDRINUSE"
    ? `Port ${port} is already in use. Stop what uses it, or set ${setting} to another port.`
    : null;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.PORT || 3000);
  const running = await startServer(port).catch((error: unknown) => {
    // What an operator must fix gets one plain message, not a stack trace.
    const message =
      portInUse(error, port, "PORT") ?? (error instanceof Error && error.name === "ConfigError" ? error.message : null);
    if (!message) throw error;
    console.error(message);
    process.exit(2);
  });
  console.log(`Social Feed (${running.role}) listening on http://localhost:${port}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`${signal}: finishing running work, then stopping`);
      void running.stop().then(() => process.exit(0));
    });
  }
}
