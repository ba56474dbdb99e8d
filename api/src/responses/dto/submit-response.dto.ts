import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { SUBMISSION_LIMITS, type SubmitResponseRequest } from '@candor/shared';

/**
 * The public submission contract: answer the version `GET /api/public/surveys/:slug` returned,
 * with a fresh random idempotency key per submission (a retry reuses it).
 */
export class SubmitResponseDto implements SubmitResponseRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'the `versionId` from GET /api/public/surveys/{slug}; answers are checked against that version',
  })
  @IsUUID('4', { message: 'versionId must be the id of the survey version that was answered' })
  versionId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { work_setting: 'street', safety_change: 'less_safe' },
    description: 'question name → answer, validated by the survey definition (hidden or unknown questions are refused)',
  })
  @IsObject({ message: 'answers must be an object mapping question names to answers' })
  answers!: Record<string, unknown>;

  @ApiProperty({
    pattern: SUBMISSION_LIMITS.idempotencyKeyPattern.source,
    example: 'b2f6c1d09a7e4f3b8c5d2e1f',
    description: 'a random value per submission; resending the same key stores nothing twice and answers the same 201',
  })
  @Matches(SUBMISSION_LIMITS.idempotencyKeyPattern, {
    message: 'idempotencyKey must be 16–128 characters of letters, digits, "-" and "_" (a random value per submission)',
  })
  idempotencyKey!: string;

  @ApiPropertyOptional({
    maxLength: 4096,
    description:
      'base64 of the solved challenge from GET /api/public/surveys/{slug}/challenge; needed when the server asks for proof of work',
  })
  @IsOptional()
  @IsString({ message: 'proofOfWork must be the base64 text of a solved challenge' })
  @MaxLength(4096)
  proofOfWork?: string;

  @ApiPropertyOptional({
    maxLength: 32,
    description: 'the single-use code printed on an outreach card; needed when the survey requires one',
  })
  @IsOptional()
  @IsString({ message: 'outreachCode must be the code printed on the card' })
  @MaxLength(32)
  outreachCode?: string;
}
