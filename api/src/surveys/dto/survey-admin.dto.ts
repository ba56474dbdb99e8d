import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  PRIVACY_LIMITS,
  type CreateSurveyRequest,
  type Perturbation,
  type PrivacySettings,
  type SetResearchKeyRequest,
  type SurveyDefinition,
  type SurveySource,
  type TimeGranularity,
  type UpdateDefinitionRequest,
  type UpdateSurveyRequest,
  type UpdateTranslationsRequest,
  type ImportTranslationsRequest,
} from '@candor/shared';
import { SLUG_PATTERN } from './slug.param';

const LOCALE_PATTERN = /^[a-z]{2}$/;

export class CreateSurveyDto implements CreateSurveyRequest {
  @ApiProperty({ example: 'fosta-2026', description: 'the address respondents use: /s/<slug>' })
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters, digits and dashes (at most 64)' })
  slug!: string;

  @ApiProperty({ example: 'FOSTA-SESTA impact 2026' })
  @IsString()
  @Length(1, 200)
  title!: string;

  @ApiProperty({ enum: ['blank', 'json', 'template'] })
  @IsIn(['blank', 'json', 'template'])
  source!: SurveySource;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'SurveyJS JSON (for json and template)' })
  @IsOptional()
  @IsObject()
  definition?: SurveyDefinition;

  @ApiPropertyOptional({ example: ['en', 'es'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(LOCALE_PATTERN, { each: true, message: 'each locale is a two-letter language code' })
  locales?: string[];
}

export class UpdateSurveyDto implements UpdateSurveyRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'slug must be lowercase letters, digits and dashes (at most 64)' })
  slug?: string;

  @ApiPropertyOptional({ example: ['en', 'es'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(LOCALE_PATTERN, { each: true, message: 'each locale is a two-letter language code' })
  locales?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { pt: 'Português (Brasil)' },
    description: 'code → the name respondents see',
  })
  @IsOptional()
  @IsObject()
  languageNames?: Record<string, string>;
}

export class DefinitionDto {
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  definition!: SurveyDefinition;
}

export class UpdateDefinitionDto extends DefinitionDto implements UpdateDefinitionRequest {
  @ApiProperty({ description: 'the version number the edit started from' })
  @IsInt()
  @Min(1)
  baseVersion!: number;
}

export class PrivacySettingsDto implements PrivacySettings {
  @ApiProperty({ minimum: PRIVACY_LIMITS.k.min, default: PRIVACY_LIMITS.k.default })
  @IsInt()
  @Min(PRIVACY_LIMITS.k.min)
  @Max(PRIVACY_LIMITS.k.max)
  k!: number;

  @ApiProperty({ default: PRIVACY_LIMITS.minResponses.default })
  @IsInt()
  @Min(PRIVACY_LIMITS.minResponses.min)
  @Max(PRIVACY_LIMITS.minResponses.max)
  minResponses!: number;

  @ApiProperty({ default: PRIVACY_LIMITS.minGroup.default })
  @IsInt()
  @Min(PRIVACY_LIMITS.minGroup.min)
  @Max(PRIVACY_LIMITS.minGroup.max)
  minGroup!: number;

  @ApiProperty({ enum: ['day', 'week', 'month'] })
  @IsIn(['day', 'week', 'month'])
  timeGranularity!: TimeGranularity;

  @ApiProperty({ default: PRIVACY_LIMITS.retentionDays.default })
  @IsInt()
  @Min(PRIVACY_LIMITS.retentionDays.min)
  @Max(PRIVACY_LIMITS.retentionDays.max)
  retentionDays!: number;

  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } }, example: [['age_band'], ['region', 'gender']] })
  @IsArray()
  @ArrayMaxSize(PRIVACY_LIMITS.maxCrosstabs)
  @Type(() => Array)
  crosstabs!: string[][];

  @ApiProperty({ enum: ['none', 'ons_10_5', 'cell_key'], default: 'none' })
  @IsIn(['none', 'ons_10_5', 'cell_key'])
  perturbation!: Perturbation;

  @ApiProperty({ default: false, required: false, description: 'Submissions need a single-use code from a printed outreach card.' })
  @IsOptional()
  @IsBoolean({ message: 'requiresOutreachCode must be true or false' })
  requiresOutreachCode?: boolean;
}

export class UpdateTranslationsDto implements UpdateTranslationsRequest {
  @ApiProperty({ example: 'es' })
  @Matches(LOCALE_PATTERN, { message: 'locale is a two-letter language code' })
  locale!: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'path → translated text ("" removes it)' })
  @IsObject()
  texts!: Record<string, string>;

  @ApiProperty()
  @IsInt()
  @Min(1)
  baseVersion!: number;
}

export class ImportTranslationsDto implements ImportTranslationsRequest {
  @ApiProperty({ example: 'pt' })
  @Matches(LOCALE_PATTERN, { message: 'locale is a two-letter language code' })
  locale!: string;

  @ApiProperty({ description: "the translator's CSV: key,context,format,source,translation_<code>" })
  @IsString()
  @Length(1, 1_500_000)
  csv!: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  baseVersion!: number;
}

export class TranslationExportQuery {
  @ApiProperty({ example: 'pt' })
  @Matches(LOCALE_PATTERN, { message: 'locale is a two-letter language code' })
  locale!: string;
}

export class ResearchKeyDto implements SetResearchKeyRequest {
  @ApiProperty({ description: 'base64url of the X25519 public key made in the researcher’s browser (issue 17)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'publicKey must be 43 characters of base64url' })
  publicKey!: string;
}
