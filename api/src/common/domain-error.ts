import type { ErrorCode, ErrorDetail } from '@candor/shared';

/**
 * An expected failure with a code from the shared union. Services throw these; the
 * exception filter turns them into `{ code, message, details }` with the right status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
