// The benchmarks run the fake Instagram in a process of its own (as the real one is), started from the
// benchmark's own file with "--fake-instagram", and talk to it in lines: it says "READY …", and answers
// a command written to its stdin with a line that starts with an agreed word.
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

export function startFakeChild(benchFile: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(benchFile), "--fake-instagram"], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  /** The rest of the next line that starts with `prefix`. */
  const nextLine = (prefix: string) =>
    new Promise<string>((resolve) => {
      const listener = (line: string) => {
        if (!line.startsWith(prefix)) return;
        lines.off("line", listener);
        resolve(line.slice(prefix.length).trim());
      };
      lines.on("line", listener);
    });
  return {
    child,
    nextLine,
    async ask(command: string, answerPrefix: string): Promise<string> {
      const reply = nextLine(answerPrefix);
      child.stdin!.write(`${command}\n`);
      return reply;
    },
    stop: () => child.kill("SIGTERM"),
  };
}
