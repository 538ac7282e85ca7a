// One-shot (or n-shot) canned replies that pre-empt normal handling, for testing a client's error paths.
import { seededRng, type Rng } from "./random";
import type { FaultReply } from "./types";

/** Which requests a fault answers: by path and method, and optionally only those made with one account's tokens. */
export interface FaultMatch {
  path: RegExp;
  method?: string;
  account?: string;
}

interface Fault {
  path: RegExp;
  method?: string;
  account?: string;
  reply: FaultReply;
  remaining: number;
}

interface StandingFault {
  path: RegExp;
  method?: string;
  account?: string;
  reply: FaultReply;
  rate: number;
  rng: Rng;
}

export class FaultList {
  private readonly faults: Fault[] = [];
  private readonly standing = new Set<StandingFault>();

  /** Fails a share (`rate`, 0–1) of matching requests until the returned function is called; 1 = an outage. */
  addStanding(match: FaultMatch, reply: FaultReply, rate: number, seed: string): () => void {
    if (!(rate > 0 && rate <= 1)) throw new Error("failSometimes: rate must be in (0, 1]");
    const fault = { ...match, method: match.method?.toUpperCase(), reply, rate, rng: seededRng(seed) };
    this.standing.add(fault);
    return () => this.standing.delete(fault);
  }

  add(match: FaultMatch, reply: FaultReply, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error("failNext: times must be a positive integer");
    this.faults.push({ ...match, method: match.method?.toUpperCase(), reply, remaining: times });
  }

  /** The first armed fault matching this request (consumed by one), oldest first. `account`: whose token the request carries. */
  take(method: string, path: string, account?: string): FaultReply | undefined {
    const index = this.faults.findIndex((fault) => this.matches(fault, method, path, account));
    const fault = this.faults[index];
    if (!fault) return this.takeStanding(method, path, account);
    fault.remaining -= 1;
    if (fault.remaining === 0) this.faults.splice(index, 1);
    return fault.reply;
  }

  private takeStanding(method: string, path: string, account?: string): FaultReply | undefined {
    for (const fault of this.standing) {
      if (this.matches(fault, method, path, account) && fault.rng.next() < fault.rate) return fault.reply;
    }
    return undefined;
  }

  private matches(fault: Omit<Fault, "remaining">, method: string, path: string, account?: string): boolean {
    if (fault.method && fault.method !== method) return false;
    if (fault.account && fault.account !== account) return false;
    fault.path.lastIndex = 0; // a /g or /y regex would otherwise remember the previous match
    return fault.path.test(path);
  }
}
