import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ResponsesModule } from '../responses/responses.module';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { RetentionService } from './retention.service';

@Module({
  imports: [AuditModule, ResponsesModule],
  providers: [RetentionService, MaintenanceScheduler],
  exports: [RetentionService],
})
export class MaintenanceModule {}
