import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { SurveysModule } from '../surveys/surveys.module';
import { OutreachBatchEntity } from './outreach-batch.entity';
import { OutreachCodeEntity } from './outreach-code.entity';
import { OutreachCodeRepository } from './outreach-code.repository';
import { OutreachSpendEntity } from './outreach-spend.entity';
import { OutreachCodesService } from './outreach-codes.service';
import { OutreachController } from './outreach.controller';

@Module({
  imports: [TypeOrmModule.forFeature([OutreachBatchEntity, OutreachCodeEntity, OutreachSpendEntity]), SurveysModule, AuditModule],
  controllers: [OutreachController],
  providers: [OutreachCodesService, OutreachCodeRepository],
  exports: [OutreachCodesService],
})
export class OutreachModule {}
