import type { AnswerProblem } from '@candor/shared';
import { DomainError } from '../common/domain-error';

export const versionMismatch = (currentVersionId: string): DomainError =>
  new DomainError('VERSION_MISMATCH', 'The survey was updated while you were answering. Load the current version and submit again.', [
    { path: 'versionId', code: 'STALE_OR_FOREIGN', message: `the current version is ${currentVersionId}` },
  ]);

export const invalidAnswers = (problems: readonly AnswerProblem[]): DomainError =>
  new DomainError('INVALID_ANSWERS', `${problems.length} answer(s) could not be accepted; nothing was stored.`, problems);

export const idempotencyConflict = (): DomainError =>
  new DomainError(
    'IDEMPOTENCY_CONFLICT',
    'This idempotency key was already used for a different submission. Use a new key for new answers.',
  );
