import { DomainError } from '../common/domain-error';

export const proofRequired = (): DomainError =>
  new DomainError(
    'PROOF_OF_WORK_REQUIRED',
    'This survey asks the device to solve a small puzzle before sending, to keep out automated spam. Fetch a challenge from /api/public/surveys/:slug/challenge, solve it and send the result as "proofOfWork".',
    [{ path: 'proofOfWork', code: 'MISSING', message: 'proofOfWork is required for this survey.' }],
  );

export const proofInvalid = (reason: string): DomainError =>
  new DomainError(
    'PROOF_OF_WORK_INVALID',
    'The anti-spam puzzle was not solved correctly, has expired or was already used. Fetch a new challenge and try again.',
    [{ path: 'proofOfWork', code: 'INVALID', message: reason }],
  );

export const outreachCodeRequired = (): DomainError =>
  new DomainError('OUTREACH_CODE_REQUIRED', 'This survey needs the code from the card you were given.', [
    { path: 'outreachCode', code: 'MISSING', message: 'outreachCode is required for this survey.' },
  ]);

/** One message for unknown and used codes, so the answer does not help anyone guess codes. */
export const outreachCodeInvalid = (): DomainError =>
  new DomainError(
    'OUTREACH_CODE_INVALID',
    'This code is not valid or has already been used. Check it against your card, or ask the person who gave it to you for a new one.',
    [{ path: 'outreachCode', code: 'INVALID', message: 'not a valid unused code for this survey' }],
  );
