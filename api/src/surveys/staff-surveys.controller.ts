import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import {
  checkDefinition,
  type DefinitionChange,
  type DefinitionCheckResult,
  type FieldingMonitor,
  type ImportTranslationsResult,
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
import {
  CreateSurveyDto,
  DefinitionDto,
  ImportTranslationsDto,
  PrivacySettingsDto,
  ResearchKeyDto,
  TranslationExportQuery,
  UpdateDefinitionDto,
  UpdateSurveyDto,
  UpdateTranslationsDto,
} from './dto/survey-admin.dto';
import { FieldingMonitorService } from './fielding-monitor.service';
import { SurveyTranslationsService } from './survey-translations.service';
import { DiffQuery, SurveyIdParam, VersionParam } from './dto/version.param';
import { SurveyDesignService } from './survey-design.service';
import { SurveyLifecycleService } from './survey-lifecycle.service';
import { sanitizeDefinitionHtml } from './researcher-html';

/** Survey design and fielding, for staff. Organizers may read; researchers (and admins) change. */
@ApiTags('surveys')
@ApiCookieAuth()
@Controller('surveys')
export class StaffSurveysController {
  constructor(
    private readonly design: SurveyDesignService,
    private readonly lifecycle: SurveyLifecycleService,
    private readonly translationsService: SurveyTranslationsService,
    private readonly monitorService: FieldingMonitorService,
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
    const { definition, cleaned } = sanitizeDefinitionHtml(body.definition);
    const result = checkDefinition(definition);
    const notes = cleaned.map((path) => ({
      path,
      message: 'this HTML will be cleaned when saved: elements, styles or links that could take respondents to another site are removed',
    }));
    return { ...result, warnings: [...notes, ...result.warnings] };
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
  updateDefinition(
    @Param() params: SurveyIdParam,
    @Body() body: UpdateDefinitionDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<UpdateDefinitionResult> {
    return this.design.updateDefinition(params.id, body.definition, body.baseVersion, staff);
  }

  @Roles('researcher')
  @Put(':id/settings')
  updateSettings(
    @Param() params: SurveyIdParam,
    @Body() body: PrivacySettingsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<SurveyDetail> {
    return this.lifecycle.updateSettings(params.id, body, staff);
  }

  /** The research team's public key for free text (issue 17); the secret key stays in the researcher's file. */
  @Roles('researcher')
  @Put(':id/research-key')
  setResearchKey(
    @Param() params: SurveyIdParam,
    @Body() body: ResearchKeyDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<SurveyDetail> {
    return this.lifecycle.setResearchKey(params.id, body.publicKey, staff);
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
    return this.translationsService.view(params.id);
  }

  /** The strings for one target language as CSV, for translators (rich text as editable text). */
  @Roles('researcher')
  @Get(':id/translations/export')
  async exportTranslations(@Param() params: SurveyIdParam, @Query() query: TranslationExportQuery, @Res() res: Response): Promise<void> {
    const { filename, csv } = await this.translationsService.exportCsv(params.id, query.locale);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    res.status(200).send(csv);
  }

  /** A translator's CSV back in: all or nothing, cleaned like every save. */
  @Roles('researcher')
  @Post(':id/translations/import')
  @HttpCode(200)
  importTranslations(
    @Param() params: SurveyIdParam,
    @Body() body: ImportTranslationsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<ImportTranslationsResult> {
    return this.translationsService.importCsv(params.id, body, staff);
  }

  /** Responses per period and progress toward the release floor, coarsened (P4). */
  @AnyStaff()
  @Get(':id/monitor')
  monitor(@Param() params: SurveyIdParam): Promise<FieldingMonitor> {
    return this.monitorService.monitor(params.id);
  }

  @Roles('researcher')
  @Put(':id/translations')
  updateTranslations(
    @Param() params: SurveyIdParam,
    @Body() body: UpdateTranslationsDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<UpdateDefinitionResult> {
    return this.translationsService.update(params.id, body, staff);
  }
}
