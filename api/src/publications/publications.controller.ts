import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { PlannedRelease, PublicationSummary, StaffPreview } from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { AnyStaff, Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { SurveyIdParam } from '../surveys/dto/version.param';
import { PlanReleaseDto } from './dto/plan-release.dto';
import { PublicationsService } from './publications.service';
import { RepublicationService } from './republication.service';

export class PublicationParam extends SurveyIdParam {
  @IsUUID('4', { message: 'publicationId must be a publication id' })
  publicationId!: string;
}

/** The organizer's publishing workflow: preview, publish, withdraw. */
@ApiTags('publications')
@ApiCookieAuth()
@Controller('surveys/:id/publications')
export class PublicationsController {
  constructor(
    private readonly publications: PublicationsService,
    private readonly republication: RepublicationService,
  ) {}

  /** Exactly what would be published now, what is hidden and why; when held back, only the reasons (P4). */
  @Roles('organizer')
  @Post('preview')
  @HttpCode(200)
  preview(@Param() params: SurveyIdParam, @CurrentStaff() staff: StaffPrincipal): Promise<StaffPreview> {
    return this.publications.preview(params.id, staff);
  }

  /** What would be publishable at a planned size, simulated on synthetic answers: reads no response. */
  @Roles('organizer', 'researcher')
  @Post('plan')
  @HttpCode(200)
  plan(@Param() params: SurveyIdParam, @Body() body: PlanReleaseDto): Promise<PlannedRelease[]> {
    return this.publications.plan(params.id, body);
  }

  /** Publishes an immutable snapshot, recomputed now; refused (409) when the preview would block. */
  @Roles('organizer')
  @Post()
  publish(
    @Param() params: SurveyIdParam,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<{ publication: PublicationSummary; preview: StaffPreview }> {
    return this.publications.publish(params.id, staff);
  }

  @AnyStaff()
  @Get()
  list(@Param() params: SurveyIdParam): Promise<PublicationSummary[]> {
    return this.publications.list(params.id);
  }

  /**
   * Brings an earlier, not withdrawn release back as the current one (the organizer's
   * explicit choice; nothing comes back on its own): refused (409) when a release published
   * since differs from it by less than k somewhere.
   */
  @Roles('organizer')
  @Post(':publicationId/republish')
  republish(@Param() params: PublicationParam, @CurrentStaff() staff: StaffPrincipal): Promise<PublicationSummary> {
    return this.republication.republish(params.id, params.publicationId, staff);
  }

  /** Hides a snapshot from the public; it stays in the ledger that later audits use. */
  @Roles('organizer')
  @Post(':publicationId/withdraw')
  @HttpCode(200)
  withdraw(@Param() params: PublicationParam, @CurrentStaff() staff: StaffPrincipal): Promise<PublicationSummary> {
    return this.publications.withdraw(params.id, params.publicationId, staff);
  }
}
