import type { Request, Response } from 'express';
import { SESSION_COOKIE } from '../common/staff-principal';
import type { AppConfig } from '../config/app-config';

/** The staff cookie: HttpOnly, SameSite=Strict, scoped to the API, Secure behind HTTPS. */
export function setSessionCookie(response: Response, request: Request, config: AppConfig, token: string): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecure(request, config),
    path: '/api',
    // Relative, so a browser with a wrong clock keeps it as long as the server does.
    maxAge: config.SESSION_MAX_HOURS * 3_600_000,
  });
}

export function clearSessionCookie(response: Response, request: Request, config: AppConfig): void {
  response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: isSecure(request, config), path: '/api' });
}

function isSecure(request: Request, config: AppConfig): boolean {
  if (config.COOKIE_SECURE === 'always') return true;
  if (config.COOKIE_SECURE === 'never') return false;
  return request.secure || (config.PUBLIC_URL?.startsWith('https://') ?? false);
}
