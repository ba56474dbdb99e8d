import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimitRedis } from './rate-limit-redis';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in Redis when it is usable, shared by every instance; this
 * instance's own O(1) windows when it is not, so Redis going away never refuses a
 * respondent — the limit is then counted per instance, with a warning.
 */
export class FailoverThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly redis: RateLimitRedis,
    private readonly shared: ThrottlerStorage,
    private readonly local: ThrottlerStorage,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    if (this.redis.usable) {
      try {
        const record = await this.shared.increment(`${this.redis.prefix}${key}`, ttl, limit, blockDuration, throttlerName);
        this.redis.available();
        return record;
      } catch (error) {
        this.redis.unavailable((error as Error).message);
      }
    } else {
      this.redis.unavailable(`connection ${this.redis.client.status}`);
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }
}
