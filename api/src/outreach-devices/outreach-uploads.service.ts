import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { SUBMISSION_LIMITS } from '@candor/shared';
import { findForbiddenKey, jsonDepth } from '../common/http-pipeline';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { SubmitResponseDto } from '../responses/dto/submit-response.dto';
import { ResponsesService, type SubmissionOutcome } from '../responses/responses.service';
import { OutreachBoxRepository } from './outreach-box.repository';
import { OutreachDeviceKeysService } from './outreach-device-keys.service';
import { OutreachDevicesService } from './outreach-devices.service';
import { deviceNotAccepted, deviceQuotaReached, sealedBoxInvalid } from './outreach-devices.errors';
import { openSealedBox } from './sealed-box';

/**
 * Opens a sealed submission from a prepared device and hands it to the one intake every
 * response goes through (validation by the compiled rules, idempotency, the intake mixer).
 * Nothing about the staff member or the upload time is written: the device token decides
 * whether the box is opened at all. In the transaction that stores the response, the box's
 * keyed id (no time, no device) is remembered so a replay is never stored twice, and one of the
 * device's quota slots is deleted — so the quota holds under parallel uploads, and nothing left
 * in the database pairs the response with the device.
 */
@Injectable()
export class OutreachUploadsService {
  constructor(
    private readonly devices: OutreachDevicesService,
    private readonly keys: OutreachDeviceKeysService,
    private readonly responses: ResponsesService,
    private readonly boxes: OutreachBoxRepository,
    private readonly config: AppConfig,
  ) {}

  async upload(slug: string, token: string | null, sealed: string): Promise<SubmissionOutcome> {
    const device = token ? await this.devices.deviceOfToken(token) : null;
    if (!device || device.slug !== slug) throw deviceNotAccepted();
    const opened = openSealedBox(sealed, await this.keys.keyPair(device.surveyId), device.surveyId);
    if (!opened) throw sealedBoxInvalid('it was not sealed to this survey’s key, or it was altered');
    const submission = await toSubmission(opened);
    const boxId = this.boxes.idOf(device.surveyId, submission);
    // Sent before (its answer lost, or a copy replayed): stored once, answered as the first time.
    if (await this.boxes.known(boxId)) return 'replayed';
    // The device itself stands in for proof of work (it holds a revocable token): no ticket.
    // Its page sealed free text to the research key (the server never sees it in clear): required here.
    // Only with the response: a box refused or lost in a crash can be sent again.
    return this.responses.submit(slug, submission, {
      ticket: null,
      freeText: 'sealed-by-browser',
      alongside: async (manager) => {
        if (!(await this.boxes.takeSlot(manager, device.deviceId))) throw deviceQuotaReached(this.config.OUTREACH_DEVICE_QUOTA);
        await this.boxes.remember(manager, boxId);
      },
    });
  }
}

/** The opened box, held to exactly the rules of a respondent's own request body. */
async function toSubmission(opened: Buffer): Promise<SubmitResponseDto> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(opened));
  } catch {
    throw sealedBoxInvalid('its content is not UTF-8 JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw sealedBoxInvalid('its content is not a submission object');
  if (jsonDepth(parsed, SUBMISSION_LIMITS.maxDepth) > SUBMISSION_LIMITS.maxDepth) {
    throw new DomainError('PAYLOAD_TOO_DEEP', `The sealed submission is nested more than ${SUBMISSION_LIMITS.maxDepth} levels deep.`);
  }
  const reserved = findForbiddenKey(parsed, '');
  if (reserved !== null)
    throw new DomainError('VALIDATION_FAILED', 'The sealed submission uses a reserved name as a key.', [
      { path: reserved, code: 'RESERVED_KEY', message: `"${reserved.split('.').pop()}" cannot be used as a key` },
    ]);
  const dto = plainToInstance(SubmitResponseDto, parsed);
  const errors = await validate(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'The sealed submission is not valid.',
      errors.flatMap((error) =>
        Object.entries(error.constraints ?? {}).map(([code, message]) => ({
          path: error.property,
          code: code === 'whitelistValidation' ? 'UNKNOWN_FIELD' : code.toUpperCase(),
          message,
        })),
      ),
    );
  }
  if (dto.proofOfWork !== undefined) throw sealedBoxInvalid('a sealed submission carries no proofOfWork');
  return dto;
}
