import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import {
  checkDefinition,
  type DefinitionChange,
  type DefinitionCheckResult,
  type SurveyDefinition,
  type SurveyDetail,
  type SurveySummary,
  type SurveyVersionSummary,
  type TranslationsView,
  type UpdateDefinitionResult,
} from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { AnyStaff, Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { CreateSurveyDto, DefinitionDto, PrivacySettingsDto, UpdateDefinitionDto, UpdateSurveyDto, UpdateTranslationsDto } from './dto/survey-admin.dto';
import { DiffQuery, SurveyIdParam, VersionParam } from './dto/version.param';
import { SurveyDesignService } from './survey-design.service';
import { SurveyLifecycleService } from './survey-lifecycle.service';

/** Survey design and fielding, for staff. Organizers may read; researchers (and admins) change. */
@ApiTags('surveys')
@ApiCookieAuth()
@Controller('surveys')
export class StaffSurveysController {
  constructor(
    private readonly design: SurveyDesignService,
    private readonly lifecycle: SurveyLifecycleService,
  ) {}

  @AnyStaff()
  @Get()
  list(): Promise<SurveySummary[]> {
    return this.design.list();
  }

  @Roles('researcher')
  @Post()
  create(@Body() body: CreateSurveyDto, @CurrentStaff() staff: StaffPrincipal): Promise<SurveyDetail> {
    return this.design.create(body, staff);
  }

  /** Checks a definition without saving it: errors and advice for the designer's JSON tab. */
  @Roles('researcher')
  @Post('check-definition')
  @HttpCode(200)
  check(@Body() body: DefinitionDto): DefinitionCheckResult {
    return checkDefinition(body.definition);
  }

  @AnyStaff()
  @Get(':id')
  detail(@Param() params: SurveyIdParam): Promise<SurveyDetail> {
    return this.design.detail(params.id);
  }

  @Roles('researcher')
  @Patch(':id')
  update(@Param() params: SurveyIdParam, @Body() body: UpdateSurveyDto, @CurrentStaff() staff: StaffPrincipal): Promise<SurveyDetail> {
    return this.design.updateMeta(params.id, body, staff);
  }

  @Roles('researcher')
  @Put(':id/definition')
  updateDefinition(@Param() params: SurveyIdParam, @Body() body: UpdateDefinitionDto, @CurrentStaff() staff: StaffPrincipal): Promise<UpdateDefinitionResult> {
    return this.design.updateDefinition(params.id, body.definition, body.baseVersion, staff);
  }

  @Roles('researcher')
  @Put(':id/settings')
  updateSettings(@Param() params: SurveyIdParam, @Body() body: PrivacySettingsDto, @CurrentStaff() staff: StaffPrincipal): Promise<SurveyDetail> {
    return this.lifecycle.updateSettings(params.id, body, staff);
  }

  @Roles('researcher')
  @Post(':id/open')
  @HttpCode(200)
  open(@Param() params: SurveyIdParam, @CurrentStaff() staff: StaffPrincipal): Promise<SurveyDetail> {
    return this.lifecycle.open(params.id, staff);
  }

  @Roles('researcher')
  @Post(':id/close')
  @HttpCode(200)
  close(@Param() params: SurveyIdParam, @CurrentStaff() staff: StaffPrincipal): Promise<SurveyDetail> {
    return this.lifecycle.close(params.id, staff);
  }

  @AnyStaff()
  @Get(':id/versions')
  versions(@Param() params: SurveyIdParam): Promise<SurveyVersionSummary[]> {
    return this.design.versions(params.id);
  }

  /** One version's definition (for preview or JSON export). */
  @AnyStaff()
  @Get(':id/versions/:number')
  async version(@Param() params: VersionParam): Promise<{ number: number; id: string; definition: SurveyDefinition }> {
    const version = await this.design.version(params.id, params.number);
    return { number: version.number, id: version.id, definition: version.definition };
  }

  /** What changed between a version and an earlier one (the previous one by default). */
  @AnyStaff()
  @Get(':id/versions/:number/diff')
  diff(@Param() params: VersionParam, @Query() query: DiffQuery): Promise<{ from: number; to: number; changes: DefinitionChange[] }> {
    return this.design.diff(params.id, params.number, query.against);
  }

  @Roles('researcher')
  @Get(':id/translations')
  translations(@Param() params: SurveyIdParam): Promise<TranslationsView> {
    return this.design.translations(params.id);
  }

  @Roles('researcher')
  @Put(':id/translations')
  updateTranslations(@Param() params: SurveyIdParam, @Body() body: UpdateTranslationsDto, @CurrentStaff() staff: StaffPrincipal): Promise<UpdateDefinitionResult> {
    return this.design.updateTranslations(params.id, body, staff);
  }
}
