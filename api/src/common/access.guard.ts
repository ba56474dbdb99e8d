import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from './domain-error';
import { IS_PUBLIC } from './public.decorator';

/**
 * The global guard: a route is reachable only if it is marked `@Public()`.
 * Staff authentication plugs in here; until a route opts in, it is denied.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    throw new DomainError('UNAUTHENTICATED', 'Sign in as staff to use this route.');
  }
}
