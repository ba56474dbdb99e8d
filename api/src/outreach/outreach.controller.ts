import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { OUTREACH_CODE, type CreatedOutreachBatch, type CreateOutreachBatchRequest, type OutreachBatch } from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { SurveyIdParam } from '../surveys/dto/version.param';
import { SurveysService } from '../surveys/surveys.service';
import { OutreachCodesService } from './outreach-codes.service';

export class CreateOutreachBatchDto implements CreateOutreachBatchRequest {
  @ApiProperty({ minimum: 1, maximum: OUTREACH_CODE.maxBatch, example: 50, description: 'how many cards (codes) to print' })
  @Type(() => Number)
  @IsInt({ message: 'size must be a whole number of cards' })
  @Min(1, { message: 'size must be at least 1' })
  @Max(OUTREACH_CODE.maxBatch, { message: `size must be at most ${OUTREACH_CODE.maxBatch} per batch` })
  size!: number;

  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Street outreach, December' })
  @IsString()
  @MinLength(1, { message: 'label must name the batch for staff (e.g. "Street outreach, December")' })
  @MaxLength(120)
  label!: string;
}

/** Printed single-use codes for surveys that require them (P7). */
@ApiTags('outreach codes')
@ApiCookieAuth()
@Controller('surveys/:id/outreach-batches')
export class OutreachController {
  constructor(
    private readonly outreach: OutreachCodesService,
    private readonly surveys: SurveysService,
  ) {}

  /** Creates a batch; the codes are in this response only — print them now. */
  @Roles('researcher', 'organizer')
  @Post()
  async create(
    @Param() params: SurveyIdParam,
    @Body() body: CreateOutreachBatchDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CreatedOutreachBatch> {
    await this.surveys.getSurveyEntity(params.id);
    return this.outreach.createBatch(params.id, body.size, body.label.trim(), staff);
  }

  @Roles('researcher', 'organizer')
  @Get()
  async list(@Param() params: SurveyIdParam): Promise<OutreachBatch[]> {
    await this.surveys.getSurveyEntity(params.id);
    return this.outreach.listBatches(params.id);
  }
}
