/** Size and refill speed of one token bucket. */
export interface BucketRule {
  /** Most tokens the bucket holds: the burst a client may send at once. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

/** One bucket to draw from: `cost` tokens from the bucket named `key`. */
export interface BucketDraw {
  key: string;
  rule: BucketRule;
  cost: number;
}

export interface DrawResult {
  allowed: boolean;
  /** When not allowed: the first draw that was short of tokens. */
  limitedBy?: BucketDraw;
  /** When not allowed: how long until that bucket contains enough tokens, in milliseconds. */
  retryAfterMs: number;
}

/**
 * Storage of bucket levels. `draw` takes the tokens from every bucket or from none, so a
 * request refused by its organisation's bucket does not use up its subject's tokens. A store
 * shared by several gateway replicas (Redis, PostgreSQL) implements the same contract.
 */
export interface RateLimitStore {
  draw(draws: readonly BucketDraw[], nowMs: number): Promise<DrawResult>;
  close?(): Promise<void>;
}

interface BucketState {
  tokens: number;
  updatedMs: number;
}

/** Tokens in a bucket at `nowMs`, refilled since its last update and capped at capacity. */
function level(state: BucketState | undefined, rule: BucketRule, nowMs: number): number {
  if (!state) return rule.capacity;
  const refilled = state.tokens + ((nowMs - state.updatedMs) / 1000) * rule.refillPerSecond;
  return Math.min(rule.capacity, refilled);
}

/**
 * Keeps buckets in this process's memory, the default for a single gateway. Buckets that have
 * refilled completely are dropped when the map passes `maxBuckets`, because a full bucket is the
 * same as no bucket; when every bucket is in use, the least recently drawn one is dropped.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, BucketState & { rule: BucketRule }>();

  constructor(private readonly maxBuckets = 100_000) {}

  async draw(draws: readonly BucketDraw[], nowMs: number): Promise<DrawResult> {
    for (const draw of draws) {
      const tokens = level(this.buckets.get(draw.key), draw.rule, nowMs);
      if (tokens < draw.cost) {
        const retryAfterMs = Math.ceil(((draw.cost - tokens) / draw.rule.refillPerSecond) * 1000);
        return { allowed: false, limitedBy: draw, retryAfterMs };
      }
    }
    for (const draw of draws) {
      const tokens = level(this.buckets.get(draw.key), draw.rule, nowMs);
      // Re-inserting moves the key to the end, so the map's order is least recently drawn first.
      this.buckets.delete(draw.key);
      this.buckets.set(draw.key, { tokens: tokens - draw.cost, updatedMs: nowMs, rule: draw.rule });
    }
    if (this.buckets.size > this.maxBuckets) this.evict(nowMs);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Number of buckets held, for tests and metrics. */
  get size(): number {
    return this.buckets.size;
  }

  private evict(nowMs: number): void {
    for (const [key, state] of this.buckets) {
      if (level(state, state.rule, nowMs) >= state.rule.capacity) this.buckets.delete(key);
    }
    while (this.buckets.size > this.maxBuckets) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
  }
}
