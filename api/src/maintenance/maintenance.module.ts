import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ResponsesModule } from '../responses/responses.module';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

@Module({
  imports: [AuditModule, ResponsesModule],
  providers: [RetentionService, RetentionRepository, MaintenanceScheduler],
  exports: [RetentionService],
})
export class MaintenanceModule {}
