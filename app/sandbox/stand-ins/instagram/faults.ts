// One-shot (or n-shot) canned replies that pre-empt normal handling, for testing a client's error paths.
import { seededRng, type Rng } from "./random";
import type { FaultReply } from "./types";

interface Fault {
  path: RegExp;
  method?: string;
  reply: FaultReply;
  remaining: number;
}

interface StandingFault {
  path: RegExp;
  method?: string;
  reply: FaultReply;
  rate: number;
  rng: Rng;
}

export class FaultList {
  private readonly faults: Fault[] = [];
  private readonly standing = new Set<StandingFault>();

  /** Fails a share (`rate`, 0–1) of matching requests until the returned function is called; 1 = an outage. */
  addStanding(match: { path: RegExp; method?: string }, reply: FaultReply, rate: number, seed: string): () => void {
    if (!(rate > 0 && rate <= 1)) throw new Error("failSometimes: rate must be in (0, 1]");
    const fault = { path: match.path, method: match.method?.toUpperCase(), reply, rate, rng: seededRng(seed) };
    this.standing.add(fault);
    return () => this.standing.delete(fault);
  }

  add(match: { path: RegExp; method?: string }, reply: FaultReply, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error("failNext: times must be a positive integer");
    this.faults.push({ path: match.path, method: match.method?.toUpperCase(), reply, remaining: times });
  }

  /** The first armed fault matching this request (consumed by one), oldest first. */
  take(method: string, path: string): FaultReply | undefined {
    const index = this.faults.findIndex((fault) => this.matches(fault, method, path));
    const fault = this.faults[index];
    if (!fault) return this.takeStanding(method, path);
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault.reply;
  }

  private takeStanding(method: string, path: string): FaultReply | undefined {
    for (const fault of this.standing) {
      if (this.matches(fault, method, path) && fault.rng.next() < fault.rate) return fault.reply;
    }
    return undefined;
  }

  private matches(fault: Omit<Fault, "remaining">, method: string, path: string): boolean {
    if (fault.method && fault.method !== method) return false;
    fault.path.lastIndex = 0; // a /g or /y regex would otherwise remember the previous match
    return fault.path.test(path);
  }
}
