import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ResponsesModule } from '../responses/responses.module';
import { SurveysModule } from '../surveys/surveys.module';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { RetentionService } from './retention.service';

@Module({
  imports: [AuditModule, ResponsesModule, SurveysModule],
  providers: [RetentionService, MaintenanceScheduler],
  exports: [RetentionService],
})
export class MaintenanceModule {}
