import { HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ERROR_STATUS, InvalidDefinitionError, type ApiErrorBody, type ErrorCode } from '@candor/shared';
import { DomainError } from './domain-error';
import { RespondentLog } from './respondent-log';

export interface ErrorResponse {
  readonly status: number;
  readonly body: ApiErrorBody;
  readonly headers: Readonly<Record<string, string>>;
}

const logger = new Logger('Errors');

/** PostgreSQL SQLSTATEs and socket errors that mean "the database is not reachable right now". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && (UNAVAILABLE_SQLSTATES.has(candidate.code) || UNAVAILABLE_SOCKET_CODES.has(candidate.code))) {
      return true;
    }
    if (
      typeof candidate.message === 'string' &&
      /Connection terminated|connection timeout|terminating connection|the database system is (starting up|shutting down)|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
        candidate.message,
      )
    ) {
      return true;
    }
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}

function body(code: ErrorCode, message: string, details: ApiErrorBody['details'] = []): ApiErrorBody {
  return { code, message, details };
}

/** Errors raised by Express's body parser carry a `type`. */
interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
  readonly limit?: number;
}

/**
 * Turns anything thrown while handling a request into the API's error shape. Logs
 * server faults by class and message only — never the request, its headers or body.
 */
export function toErrorResponse(error: unknown, path = ''): ErrorResponse {
  const log = RespondentLog.for(path, logger);
  if (error instanceof DomainError) {
    return { status: ERROR_STATUS[error.code], body: body(error.code, error.message, error.details), headers: error.headers };
  }
  // A stored definition that today's survey check refuses (saved before a rule was added, e.g.
  // a condition calling today()): say so with every problem, never a 500.
  if (error instanceof InvalidDefinitionError) {
    return {
      status: ERROR_STATUS.INVALID_DEFINITION,
      body: body(
        'INVALID_DEFINITION',
        `This survey version is no longer accepted (${error.problems.length} problem(s)); save a corrected version.`,
        error.problems.map((p) => ({ path: p.path, code: 'INVALID_DEFINITION', message: p.message })),
      ),
      headers: {},
    };
  }
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.too.large':
      return {
        status: 413,
        body: body('PAYLOAD_TOO_LARGE', `The request body is larger than ${parserError.limit ?? 'the limit of'} bytes.`),
        headers: {},
      };
    case 'parameters.too.many':
      return { status: 413, body: body('PAYLOAD_TOO_LARGE', 'The form has too many fields.'), headers: {} };
    case 'entity.parse.failed':
      return { status: 400, body: body('MALFORMED_JSON', 'The request body is not valid JSON.'), headers: {} };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, body: body('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON.'), headers: {} };
    case 'request.aborted':
      return { status: 400, body: body('MALFORMED_JSON', 'The request was aborted before its body arrived.'), headers: {} };
    case 'entity.verify.failed':
      return { status: 400, body: body('MALFORMED_JSON', 'The request body is not valid UTF-8.'), headers: {} };
    default:
      break; // not a body-parser error: the checks below
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code: ErrorCode =
      status === HttpStatus.NOT_FOUND
        ? 'NOT_FOUND'
        : status === HttpStatus.PAYLOAD_TOO_LARGE
          ? 'PAYLOAD_TOO_LARGE'
          : status === HttpStatus.TOO_MANY_REQUESTS
            ? 'RATE_LIMITED'
            : status === HttpStatus.UNAUTHORIZED
              ? 'UNAUTHENTICATED'
              : status === HttpStatus.FORBIDDEN
                ? 'FORBIDDEN'
                : status >= 500
                  ? 'INTERNAL'
                  : 'VALIDATION_FAILED';
    const message =
      status === HttpStatus.NOT_FOUND
        ? 'There is nothing at this address.'
        : status === HttpStatus.TOO_MANY_REQUESTS
          ? 'Too many requests from here. Wait a minute and try again.'
          : error.message;
    return { status, body: body(code, message), headers: {} };
  }
  if (isDatabaseUnavailable(error)) {
    log.warn(`database unavailable: ${(error as Error)?.message ?? 'unknown'}`);
    return {
      status: 503,
      body: body('SERVICE_UNAVAILABLE', 'The service is briefly unavailable. Nothing was stored; please try again.'),
      headers: { 'Retry-After': '2' },
    };
  }
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : '';
  if (log === logger) logger.error(`unexpected ${name}: ${message}`, error instanceof Error ? error.stack : undefined);
  else log.error(`unexpected ${name}: ${message}`);
  return { status: 500, body: body('INTERNAL', 'Something went wrong on our side. Nothing was stored.'), headers: {} };
}
