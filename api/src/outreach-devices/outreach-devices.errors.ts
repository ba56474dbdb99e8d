import { DomainError } from '../common/domain-error';

/** One answer for an unknown, revoked or malformed device token: nothing to tell them apart. */
export const deviceNotAccepted = (): DomainError =>
  new DomainError(
    'UNAUTHENTICATED',
    'This device is not prepared for this survey, or an admin revoked it. Ask staff to prepare it again; queued answers stay on the device.',
    [{ path: 'authorization', code: 'DEVICE_NOT_ACCEPTED', message: 'Send the device token as "Authorization: Bearer <token>".' }],
  );

export const sealedBoxInvalid = (reason: string): DomainError =>
  new DomainError('VALIDATION_FAILED', 'The sealed submission could not be opened for this survey.', [
    { path: 'sealed', code: 'SEALED_BOX_INVALID', message: reason },
  ]);

export const deviceModeUnavailable = (): DomainError =>
  new DomainError(
    'SERVICE_UNAVAILABLE',
    'Outreach devices are not configured on this server: set OUTREACH_CODE_SECRET (npm start does it for you); the survey keys are wrapped with it.',
  );

export const surveyNotOpenForDevices = (): DomainError =>
  new DomainError('INVALID_TRANSITION', 'Only an open survey can be collected on an outreach device: open it for responses first.');

export const roleMayNotPrepare = (role: string): DomainError =>
  new DomainError(
    'FORBIDDEN',
    `Only admins may prepare outreach devices unless an admin allows your role (${role}): ask an admin to allow it (PUT /api/outreach-devices/policy).`,
  );

export const deviceNotFound = (): DomainError => new DomainError('NOT_FOUND', 'There is no such device for this survey.');

export const deviceQuotaReached = (quota: number): DomainError =>
  new DomainError(
    'FORBIDDEN',
    `This device has sent the most responses one prepared device may send (${quota}). Prepare it again to go on.`,
    [{ path: 'authorization', code: 'DEVICE_QUOTA_REACHED', message: `a prepared device sends at most ${quota} responses` }],
  );
