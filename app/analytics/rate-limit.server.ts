// Token buckets per key (a shop), in this process's memory: no shared state to consult per request, so
// each process enforces its own limit (README "Analytics" says what that means with several processes).
export interface BucketLimits {
  /** Tokens a full bucket holds: the burst allowed at once. */
  burst: number;
  /** Tokens added back per second. */
  perSecond: number;
}

/** Buckets kept before idle (full) ones are dropped: a bound on memory whatever the number of shops. */
const SWEEP_AT = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly limits: BucketLimits) {}

  private level(bucket: { tokens: number; at: number }, at: number): number {
    return Math.min(this.limits.burst, bucket.tokens + (Math.max(0, at - bucket.at) / 1000) * this.limits.perSecond);
  }

  /** Takes `cost` tokens from the key's bucket at `at` (epoch ms): 0 if taken, else the ms to wait (nothing taken). */
  take(key: string, cost: number, at: number): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.limits.burst, at };
    const tokens = this.level(bucket, at);
    if (tokens < cost) return Math.ceil(((cost - tokens) / this.limits.perSecond) * 1000);
    if (!this.buckets.has(key) && this.buckets.size >= SWEEP_AT) this.sweep(at);
    this.buckets.set(key, { tokens: tokens - cost, at });
    return 0;
  }

  /** A full bucket is the same as none. */
  private sweep(at: number) {
    for (const [key, bucket] of this.buckets) if (this.level(bucket, at) >= this.limits.burst) this.buckets.delete(key);
  }
}
