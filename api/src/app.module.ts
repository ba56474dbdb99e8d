import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuditModule } from './audit/audit.module';
import { AccessGuard } from './common/access.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { CommonModule } from './common/common.module';
import { RateLimitModule } from './common/rate-limit.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { FreeTextModule } from './free-text/free-text.module';
import { LeanFormModule } from './lean-form/lean-form.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { OutreachDevicesModule } from './outreach-devices/outreach-devices.module';
import { PublicationsModule } from './publications/publications.module';
import { ResponsesModule } from './responses/responses.module';
import { StaffModule } from './staff/staff.module';
import { SurveysModule } from './surveys/surveys.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        RateLimitModule,
        DatabaseModule,
        AuditModule,
        StaffModule,
        HealthModule,
        SurveysModule,
        ResponsesModule,
        PublicationsModule,
        MaintenanceModule,
        LeanFormModule,
        OutreachDevicesModule,
        FreeTextModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
