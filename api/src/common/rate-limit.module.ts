import { applyDecorators, Module, UseGuards } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { AddressHasher } from './address-hasher';
import { requestLimitSubject } from './client-address';
import { Clock, SystemClock } from './clock';
import { FailoverThrottlerStorage } from './failover-throttler-storage';
import { RateLimitRedis } from './rate-limit-redis';
import { SharedAddressKeys } from './shared-address-keys';
import { WindowThrottlerStorage } from './window-throttler-storage';

/** Named limits; a route opts in with `@UseGuards(ThrottlerGuard)` and `@RateLimited(name)`. */
export const RATE_LIMITS = ['login', 'submission'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

/** The in-memory key ring behind the rate limiter, and Redis when REDIS_URL is set. */
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    AddressHasher,
    {
      provide: RateLimitRedis,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => (config.REDIS_URL ? new RateLimitRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX) : null),
    },
  ],
  exports: [AddressHasher, RateLimitRedis, Clock],
})
export class RateLimitKeysModule {}

/**
 * Nest's throttler keyed by a rotating keyed hash of the address: the socket address, or
 * behind proxies trusted by TRUST_PROXY the client address they report (IPv6 by /64, see
 * client-address.ts) — never `X-Forwarded-For` or `Forwarded` otherwise (P1) — kept only as
 * the hash. Counters live in this process's memory, or with REDIS_URL in Redis, shared by
 * every instance ({@link FailoverThrottlerStorage}, {@link SharedAddressKeys}). Routes opt in
 * with {@link RateLimited}.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitKeysModule],
      inject: [AddressHasher, AppConfig, RateLimitRedis, Clock],
      useFactory: (hasher: AddressHasher, config: AppConfig, redis: RateLimitRedis | null, clock: Clock) => {
        const local = new WindowThrottlerStorage();
        if (!redis)
          return {
            throttlers: throttlersOf(config),
            getTracker: (request: Record<string, unknown>) => hasher.key(addressOf(request)),
            storage: local,
          };
        const keys = new SharedAddressKeys(redis, hasher, clock);
        return {
          throttlers: throttlersOf(config),
          getTracker: (request: Record<string, unknown>) => keys.key(addressOf(request)),
          storage: new FailoverThrottlerStorage(redis, new ThrottlerStorageRedisService(redis.client), local),
        };
      },
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}

function throttlersOf(config: AppConfig) {
  return [
    { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_PER_MINUTE },
    { name: 'submission', ttl: 60_000, limit: config.SUBMISSION_RATE_PER_MINUTE },
  ];
}

/** The one address a limit counts (see client-address.ts): trusted proxies' report, IPv6 by /64. */
function addressOf(request: Record<string, unknown>): string {
  return requestLimitSubject(request as unknown as Request);
}

/** Applies one named limit (and only that one) to a route. */
export function RateLimited(name: RateLimitName): MethodDecorator & ClassDecorator {
  const skip = Object.fromEntries(RATE_LIMITS.filter((other) => other !== name).map((other) => [other, true]));
  return applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle(skip));
}
