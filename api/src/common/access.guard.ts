import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER, type StaffRole } from '@candor/shared';
import { DomainError } from './domain-error';
import { IS_PUBLIC } from './public.decorator';
import { ROLES } from './roles.decorator';
import { readCookie, SESSION_COOKIE, SessionResolver, type StaffPrincipal } from './staff-principal';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The global guard, deny by default (README, Architecture):
 *  - `@Public()` routes pass without reading cookies or any other request identifier;
 *  - every other route needs a staff session, a role listed by `@Roles()` (admins pass
 *    all), and for writes the session's CSRF token in `X-CSRF-Token`;
 *  - a route with neither decorator is refused to everyone.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { staff?: StaffPrincipal }>();
    const token = readCookie(request.headers.cookie, SESSION_COOKIE);
    const principal = token ? await this.sessions.resolve(token) : null;
    if (!principal) throw new DomainError('UNAUTHENTICATED', 'Sign in as staff to use this page.');

    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameText(sent, principal.csrfToken)) {
        throw new DomainError('CSRF_FAILED', 'This request lacks the session’s CSRF token; reload the page and try again.');
      }
    }

    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES, targets);
    if (!roles) throw new DomainError('FORBIDDEN', 'This route has no access rule, so nobody may use it.');
    if (principal.role !== 'admin' && !roles.includes(principal.role)) {
      throw new DomainError('FORBIDDEN', `Your role (${principal.role}) cannot do this.`);
    }
    request.staff = principal;
    return true;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
