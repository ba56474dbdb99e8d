import { Module } from '@nestjs/common';
import { RateLimitKeysModule } from '../common/rate-limit.module';
import { ProtectionModule } from '../protection/protection.module';
import { ResponsesModule } from '../responses/responses.module';
import { SurveysModule } from '../surveys/surveys.module';
import { LeanFormController, SharedLinkController } from './lean-form.controller';
import { LeanFormService } from './lean-form.service';
import { LeanSubmissionService } from './lean-submission.service';
import { PendingPages } from './pending-pages';

@Module({
  imports: [SurveysModule, ResponsesModule, ProtectionModule, RateLimitKeysModule],
  controllers: [LeanFormController, SharedLinkController],
  providers: [LeanFormService, LeanSubmissionService, PendingPages],
})
export class LeanFormModule {}
