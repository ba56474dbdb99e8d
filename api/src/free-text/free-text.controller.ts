import { Controller, Get, Param } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { FreeTextFieldSummary, SealedTexts } from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { SurveyIdParam } from '../surveys/dto/version.param';
import { FreeTextService } from './free-text.service';

class FreeTextFieldParam extends SurveyIdParam {
  @IsString()
  @Length(1, 700)
  key!: string;
}

/** Sealed free text for the research team's reader (issue 17): researchers (and admins) only. */
@ApiTags('free text')
@ApiCookieAuth()
@Controller('surveys/:id/free-text')
export class FreeTextController {
  constructor(private readonly freeText: FreeTextService) {}

  @Roles('researcher')
  @Get()
  fields(@Param() params: SurveyIdParam): Promise<FreeTextFieldSummary[]> {
    return this.freeText.fields(params.id);
  }

  @Roles('researcher')
  @Get(':key')
  read(@Param() params: FreeTextFieldParam, @CurrentStaff() staff: StaffPrincipal): Promise<SealedTexts> {
    return this.freeText.read(params.id, params.key, staff);
  }
}
