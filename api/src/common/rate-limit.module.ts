import { applyDecorators, Module, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';
import { AddressHasher } from './address-hasher';
import { Clock, SystemClock } from './clock';
import { WindowThrottlerStorage } from './window-throttler-storage';

/** Named limits; a route opts in with `@UseGuards(ThrottlerGuard)` and `@RateLimited(name)`. */
export const RATE_LIMITS = ['login', 'submission'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

/** The in-memory key ring behind the rate limiter. */
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, AddressHasher],
  exports: [AddressHasher],
})
export class RateLimitKeysModule {}

/**
 * Nest's throttler with in-memory storage, keyed by {@link AddressHasher}: it reads only
 * the socket address — never `X-Forwarded-For` or `Forwarded` (P1) — and keeps only a
 * keyed hash of it, in memory. Routes opt in with {@link RateLimited}.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitKeysModule],
      inject: [AddressHasher, AppConfig],
      useFactory: (hasher: AddressHasher, config: AppConfig) => ({
        throttlers: [
          { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_PER_MINUTE },
          { name: 'submission', ttl: 60_000, limit: config.SUBMISSION_RATE_PER_MINUTE },
        ],
        getTracker: (request: Record<string, unknown>) => hasher.key((request as unknown as Request).socket?.remoteAddress ?? 'unknown'),
        storage: new WindowThrottlerStorage(),
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class RateLimitModule {}


/** Applies one named limit (and only that one) to a route. */
export function RateLimited(name: RateLimitName): MethodDecorator & ClassDecorator {
  const skip = Object.fromEntries(RATE_LIMITS.filter((other) => other !== name).map((other) => [other, true]));
  return applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle(skip));
}
