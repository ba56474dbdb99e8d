import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SUBMISSION_LIMITS, type SubmitResponseRequest } from '@candor/shared';

export class SubmitResponseDto implements SubmitResponseRequest {
  @IsUUID('4', { message: 'versionId must be the id of the survey version that was answered' })
  versionId!: string;

  @IsObject({ message: 'answers must be an object mapping question names to answers' })
  answers!: Record<string, unknown>;

  @Matches(SUBMISSION_LIMITS.idempotencyKeyPattern, {
    message: 'idempotencyKey must be 16–128 characters of letters, digits, "-" and "_" (a random value per submission)',
  })
  idempotencyKey!: string;

  @IsOptional()
  @IsString({ message: 'proofOfWork must be the base64 text of a solved challenge' })
  @MaxLength(4096)
  proofOfWork?: string;

  @IsOptional()
  @IsString({ message: 'outreachCode must be the code printed on the card' })
  @MaxLength(32)
  outreachCode?: string;
}
