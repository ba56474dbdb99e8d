import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * The Redis connection behind shared rate limits (REDIS_URL), or none. Commands fail at
 * once while Redis is away (no offline queue, no retries, a short command timeout), so a
 * request never waits for it: callers fall back to this instance's own counters.
 *
 * Hashed addresses must never reach a disk: on connecting it checks that Redis has
 * persistence off (`save ""`, `appendonly no`) and, if not, is treated as unavailable.
 */
export class RateLimitRedis implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  readonly client: Redis;
  private persistenceChecked = false;
  private persistent = false;
  private degraded = false;
  private checking: Promise<void> | null = null;

  constructor(
    url: string,
    readonly prefix: string,
  ) {
    this.client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 500,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
      lazyConnect: false,
    });
    this.client.on('error', () => this.unavailable('it cannot be reached'));
    this.client.on('ready', () => void this.checkPersistence());
  }

  /** Waits (a few seconds at most) for the first connection, so the first requests already share counters. */
  async onApplicationBootstrap(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      if (this.client.status === 'ready') done();
      this.client.once('ready', done);
      this.client.once('error', done);
    });
    await this.checking;
  }

  /** Whether counters may go to Redis now. */
  get usable(): boolean {
    return this.client.status === 'ready' && this.persistenceChecked && !this.persistent;
  }

  /** A command to Redis failed: warn once, until it works again. */
  unavailable(reason: string): void {
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis is unavailable: rate limits are counted per instance until it is back (${reason})`);
  }

  /** A command to Redis worked. */
  available(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.log('Redis is back: rate limits are shared again');
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect(false);
  }

  private checkPersistence(): Promise<void> {
    this.checking = this.readPersistence();
    return this.checking;
  }

  private async readPersistence(): Promise<void> {
    try {
      const [, save] = (await this.client.config('GET', 'save')) as string[];
      const [, appendonly] = (await this.client.config('GET', 'appendonly')) as string[];
      this.persistent = (save ?? '') !== '' || appendonly === 'yes';
      if (this.persistent) {
        this.logger.error(
          'Redis keeps data on disk (save or appendonly is on): hashed addresses must never reach a disk, so rate limits stay per instance. Run Redis with save "" and appendonly no.',
        );
        this.degraded = true;
      }
    } catch {
      // Managed Redis services often refuse CONFIG: the operator must see to it.
      this.logger.warn(
        'could not check that Redis keeps nothing on disk (CONFIG refused): make sure it runs with save "" and appendonly no',
      );
      this.persistent = false;
    }
    this.persistenceChecked = true;
  }
}
