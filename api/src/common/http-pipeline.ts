import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import { SUBMISSION_LIMITS } from '@candor/shared';
import type { AppConfig } from '../config/app-config';
import { trustProxySetting } from './client-address';
import { DomainError } from './domain-error';
import { sendErrorPage, wantsHtml } from './error-page';
import { toErrorResponse } from './error-response';
import { isRespondentPath } from './respondent-log';

/** Body limits: respondents send small answer objects; staff send survey definitions. */
export const BODY_LIMITS = {
  public: { bytes: SUBMISSION_LIMITS.maxBodyBytes, depth: SUBMISSION_LIMITS.maxDepth },
  staff: { bytes: 2 * 1024 * 1024, depth: 32 },
} as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const httpLogger = new Logger('HTTP');

/**
 * Everything that happens to a request before a controller sees it: security headers
 * (P6, docs/PRIVACY.md), strict JSON parsing with size, depth, UTF-8 and content-type checks
 * (P3), and request logging that records route and status only (P1).
 */
export function configureHttpPipeline(app: NestExpressApplication, config: Pick<AppConfig, 'TRUST_PROXY' | 'PUBLIC_URL'>): void {
  app.disable('x-powered-by');
  app.set('etag', false);
  // Only for the rate limiter's key (client-address.ts); never read anywhere else.
  app.set('trust proxy', trustProxySetting(config));
  app.set('query parser', 'simple');

  app.use(securityHeaders(config.PUBLIC_URL?.startsWith('https://') === true));
  app.use(requestLogger);
  app.use(compressPages());
  app.use('/api', requireJsonBody);
  app.use('/api/public', jsonParser(BODY_LIMITS.public.bytes), depthLimit(BODY_LIMITS.public.depth), noPrototypeKeys);
  app.use('/api', jsonParser(BODY_LIMITS.staff.bytes), depthLimit(BODY_LIMITS.staff.depth));
  app.use('/f', formParser());
  app.use(errorsAsJson);
}

/**
 * Browser features no page of Candor uses, denied to every page (researcher content
 * included): the camera, microphone, location, motion and orientation sensors, devices
 * (USB, Bluetooth, serial, HID), payment, and interest-based advertising signals.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'ambient-light-sensor',
  'autoplay',
  'bluetooth',
  'browsing-topics',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'interest-cohort',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** `https` deployments (PUBLIC_URL) get HSTS; plain-http ones (loopback, tests) must not. */
function securityHeaders(https: boolean) {
  const helmetMiddleware = helmet({
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'manifest-src': ["'self'"],
        'worker-src': ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Cache-Control', 'no-store, max-age=0');
    res.setHeader('Pragma', 'no-cache');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('X-Robots-Tag', 'noindex, nofollow, noarchive');
    helmetMiddleware(req, res, next);
  };
}

/**
 * Logs method, matched route pattern and status — never the address, headers, query
 * string, body or timing of a request. Respondent routes are not logged at all (any line
 * would carry the time it was written); their server faults go to {@link RespondentLog}.
 */
function requestLogger(req: Request, res: Response, next: NextFunction): void {
  if (isRespondentPath(req.originalUrl)) {
    next();
    return;
  }
  res.on('finish', () => {
    const route = (req as Request & { route?: { path?: string } }).route?.path;
    const pattern = route ? `${req.baseUrl ?? ''}${route}` : req.path.startsWith('/api') ? '(no route)' : '(web app)';
    const line = `${req.method} ${pattern} ${res.statusCode}`;
    if (res.statusCode >= 500) httpLogger.warn(line);
    else httpLogger.debug(line);
  });
  next();
}

/**
 * Gzip for the web app's files and the no-JS pages — on a slow 3G link the survey's
 * scripts are most of the wait (1.6 MB → 0.35 MB for SurveyJS). Never for /api: JSON there
 * can carry session-bound secrets (CSRF tokens) next to reflected input, the shape BREACH
 * attacks need.
 */
function compressPages() {
  const gzip = compression({ threshold: 1024 });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/api')) {
      next();
      return;
    }
    gzip(req, res, next);
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) && hasBody(req) && !req.is('application/json')) {
    next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'));
    return;
  }
  next();
}

function jsonParser(limit: number) {
  return express.json({
    limit,
    strict: true,
    type: 'application/json',
    verify: (_req, _res, buffer) => {
      utf8.decode(buffer);
    },
  });
}

/**
 * The no-JS form's bodies: URL-encoded, flat (no nested objects, so no prototype keys),
 * bounded like JSON submissions, UTF-8 checked.
 */
function formParser() {
  const parse = express.urlencoded({
    extended: false,
    limit: BODY_LIMITS.public.bytes,
    parameterLimit: 1000,
    type: 'application/x-www-form-urlencoded',
    verify: (_req, _res, buffer) => {
      utf8.decode(buffer);
    },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && hasBody(req) && !req.is('application/x-www-form-urlencoded')) {
      next(new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the form as application/x-www-form-urlencoded.'));
      return;
    }
    parse(req, res, next);
  };
}

function depthLimit(maxDepth: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (req.body !== undefined && jsonDepth(req.body, maxDepth) > maxDepth) {
      next(new DomainError('PAYLOAD_TOO_DEEP', `The request body is nested more than ${maxDepth} levels deep.`));
      return;
    }
    next();
  };
}

/**
 * Keys that name Object.prototype's members (`__proto__`, `constructor`, `toString`, …) or
 * `prototype` have no business in a respondent's body; libraries downstream skip some of
 * them silently, so the request is refused outright rather than quietly cleaned.
 */
const FORBIDDEN_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

function noPrototypeKeys(req: Request, _res: Response, next: NextFunction): void {
  const path = findForbiddenKey(req.body, '');
  if (path !== null) {
    next(
      new DomainError('VALIDATION_FAILED', 'The request body uses a reserved name as a key.', [
        { path, code: 'RESERVED_KEY', message: `"${path.split('.').pop()}" cannot be used as a key` },
      ]),
    );
    return;
  }
  next();
}

export function findForbiddenKey(value: unknown, path: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return at;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], at);
    if (found !== null) return found;
  }
  return null;
}

/** Depth of a parsed JSON value, counting stops as soon as `limit` is exceeded. */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Errors raised by the middleware above (before Nest's filters) get the same JSON shape. */
function errorsAsJson(error: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const { status, body, headers } = toErrorResponse(error, req.originalUrl);
  if (wantsHtml(req)) {
    sendErrorPage(res, status, body, headers);
    return;
  }
  res.status(status).set(headers).json(body);
}
