import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { PrivacySettingsDto } from '../../surveys/dto/survey-admin.dto';

/** The largest planned size simulated: enough for any community survey, small enough to answer quickly. */
export const MAX_PLANNED_RESPONSES = 20_000;

/** "What would be publishable at N responses" with these (possibly unsaved) privacy settings. */
export class PlanReleaseDto extends PrivacySettingsDto {
  @ApiProperty({ example: 180, minimum: 1, maximum: MAX_PLANNED_RESPONSES })
  @IsInt({ message: 'responses must be a whole number' })
  @Min(1, { message: 'responses must be at least 1' })
  @Max(MAX_PLANNED_RESPONSES, { message: `responses must be at most ${MAX_PLANNED_RESPONSES}` })
  responses!: number;
}
