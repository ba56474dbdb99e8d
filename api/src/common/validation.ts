import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorDetail } from '@candor/shared';
import { DomainError } from './domain-error';

function flatten(errors: readonly ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([code, message]) => ({
      path,
      code: code === 'whitelistValidation' ? 'UNKNOWN_FIELD' : code.toUpperCase(),
      message,
    }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** The global pipe: DTOs are whitelisted, unknown fields rejected, every problem listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', 'The request is not valid.', flatten(errors)),
  });
}
