import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { PublicationPreview, PublicationSummary } from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { AnyStaff, Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { SurveyIdParam } from '../surveys/dto/version.param';
import { PublicationsService } from './publications.service';

export class PublicationParam extends SurveyIdParam {
  @IsUUID('4', { message: 'publicationId must be a publication id' })
  publicationId!: string;
}

/** The organizer's publishing workflow: preview, publish, withdraw. */
@ApiTags('publications')
@ApiCookieAuth()
@Controller('surveys/:id/publications')
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  /** Exactly what would be published now, what is hidden and why, and whether anything blocks it. */
  @Roles('organizer')
  @Post('preview')
  @HttpCode(200)
  preview(@Param() params: SurveyIdParam, @CurrentStaff() staff: StaffPrincipal): Promise<PublicationPreview> {
    return this.publications.preview(params.id, staff);
  }

  /** Publishes an immutable snapshot, recomputed now; refused (409) when the preview would block. */
  @Roles('organizer')
  @Post()
  publish(@Param() params: SurveyIdParam, @CurrentStaff() staff: StaffPrincipal): Promise<{ publication: PublicationSummary; preview: PublicationPreview }> {
    return this.publications.publish(params.id, staff);
  }

  @AnyStaff()
  @Get()
  list(@Param() params: SurveyIdParam): Promise<PublicationSummary[]> {
    return this.publications.list(params.id);
  }

  /** Hides a snapshot from the public; it stays in the ledger that later audits use. */
  @Roles('organizer')
  @Post(':publicationId/withdraw')
  @HttpCode(200)
  withdraw(@Param() params: PublicationParam, @CurrentStaff() staff: StaffPrincipal): Promise<PublicationSummary> {
    return this.publications.withdraw(params.id, params.publicationId, staff);
  }
}
