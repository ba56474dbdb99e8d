import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { CustomTableQuestion, CustomTableResult } from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { SurveyIdParam } from '../surveys/dto/version.param';
import { CustomTablesService } from './custom-tables.service';
import { CustomTableDto } from './dto/custom-table.dto';

/** The table builder (issue 17): researchers and organizers; every table asked is in the audit log. */
@ApiTags('custom-tables')
@ApiCookieAuth()
@Controller('surveys/:id/custom-tables')
export class CustomTablesController {
  constructor(private readonly tables: CustomTablesService) {}

  /** The questions a custom table may use: single-choice and banded questions of the fielding version. */
  @Roles('organizer', 'researcher')
  @Get('questions')
  questions(@Param() params: SurveyIdParam): Promise<CustomTableQuestion[]> {
    return this.tables.questions(params.id);
  }

  /** One custom table, perturbed by the cell-key method and suppressed; held or refused with the reason. */
  @Roles('organizer', 'researcher')
  @Post()
  @HttpCode(200)
  build(@Param() params: SurveyIdParam, @Body() body: CustomTableDto, @CurrentStaff() staff: StaffPrincipal): Promise<CustomTableResult> {
    return this.tables.build(params.id, body, staff);
  }
}
