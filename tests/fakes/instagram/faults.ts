// One-shot (or n-shot) canned replies that pre-empt normal handling, for testing a client's error paths.
import type { FaultReply } from "./types";

interface Fault {
  path: RegExp;
  method?: string;
  reply: FaultReply;
  remaining: number;
}

export class FaultList {
  private readonly faults: Fault[] = [];

  add(match: { path: RegExp; method?: string }, reply: FaultReply, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error("failNext: times must be a positive integer");
    this.faults.push({ path: match.path, method: match.method?.toUpperCase(), reply, remaining: times });
  }

  /** The first armed fault matching this request (consumed by one), oldest first. */
  take(method: string, path: string): FaultReply | undefined {
    const index = this.faults.findIndex((fault) => this.matches(fault, method, path));
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault.reply;
  }

  private matches(fault: Fault, method: string, path: string): boolean {
    if (fault.method && fault.method !== method) return false;
    fault.path.lastIndex = 0; // a /g or /y regex would otherwise remember the previous match
    return fault.path.test(path);
  }
}
