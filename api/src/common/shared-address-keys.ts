import { createHmac, randomBytes } from 'node:crypto';
import type { AddressHasher } from './address-hasher';
import type { Clock } from './clock';
import type { RateLimitRedis } from './rate-limit-redis';

/** A day and a half: yesterday's key outlives its day only by the windows still open. */
const KEY_TTL_SECONDS = 36 * 3600;
/** How often the day's secret is read again from Redis. */
const REFRESH_MS = 60_000;

/**
 * The rotating keyed hash of an address, the same on every instance: the day's secret is
 * created once in Redis (SET NX, with a TTL, persistence off) and held by each instance in
 * memory. It is never written to a disk, so once it expires nobody can recompute a key —
 * including us. When Redis cannot be used, each instance's own daily secret
 * ({@link AddressHasher}) keys the per-instance counters instead.
 */
export class SharedAddressKeys {
  private day = '';
  private secret: Buffer | null = null;
  private fetchedAt = 0;

  constructor(
    private readonly redis: RateLimitRedis,
    private readonly local: AddressHasher,
    private readonly clock: Clock,
  ) {}

  async key(address: string): Promise<string> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const now = this.clock.now().getTime();
    // Read again now and then: if Redis lost it, every instance must agree on the new one.
    if (today !== this.day || !this.secret || now - this.fetchedAt > REFRESH_MS) {
      this.fetchedAt = now;
      this.secret = await this.fetchSecret(today);
      this.day = this.secret ? today : '';
    }
    if (!this.secret || !this.redis.usable) return this.local.key(address);
    return createHmac('sha256', this.secret).update(address).digest('base64url');
  }

  private async fetchSecret(day: string): Promise<Buffer | null> {
    if (!this.redis.usable) return null;
    const name = `${this.redis.prefix}address-key:${day}`;
    try {
      await this.redis.client.set(name, randomBytes(32).toString('hex'), 'EX', KEY_TTL_SECONDS, 'NX');
      const value = await this.redis.client.get(name);
      return value ? Buffer.from(value, 'hex') : null;
    } catch (error) {
      this.redis.unavailable((error as Error).message);
      return null;
    }
  }
}
