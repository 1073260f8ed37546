/**
 * Twenty's API-key throttle (twenty-api.md §7): a token bucket per key, `limit` tokens refilled continuously
 * over `windowMs`, burst = limit, one token per record request.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number; remaining: number };

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly rate: RateLimit) {}

  take(key: string, now: number): RateDecision {
    const { limit, windowMs } = this.rate;
    const refillPerMs = limit / windowMs;
    const bucket = this.buckets.get(key) ?? { tokens: limit, at: now };
    bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / refillPerMs), remaining: 0 };
  }
}
