import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SurveysModule } from '../surveys/surveys.module';
import { AggregationRepository } from './aggregation.repository';
import { CustomTableViewEntity } from './custom-table-view.entity';
import { CustomTablesController } from './custom-tables.controller';
import { CustomTablesRepository } from './custom-tables.repository';
import { CustomTablesService } from './custom-tables.service';
import { auditSolverProvider } from './highs-solver.provider';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { PublicDashboardsController } from './public-dashboards.controller';
import { PublicationEntity } from './publication.entity';
import { PublicationRepository } from './publication.repository';
import { PublicationsController } from './publications.controller';
import { PublicationsService } from './publications.service';
import { ReleaseLedgerRepository } from './release-ledger.repository';
import { ReleaseLockRepository } from './release-lock.repository';
import { ReleasePool } from './release-pool';
import { RepublicationService } from './republication.service';
import { StaffLedgerRepository } from './staff-ledger.repository';
import { StaffReleaseEntity } from './staff-release.entity';

@Module({
  imports: [TypeOrmModule.forFeature([PublicationEntity, LedgerEntryEntity, StaffReleaseEntity, CustomTableViewEntity]), SurveysModule],
  controllers: [PublicationsController, PublicDashboardsController, CustomTablesController],
  providers: [
    PublicationsService,
    RepublicationService,
    ReleaseLedgerRepository,
    ReleaseLockRepository,
    PublicationRepository,
    AggregationRepository,
    StaffLedgerRepository,
    CustomTablesService,
    CustomTablesRepository,
    auditSolverProvider,
    ReleasePool,
  ],
  exports: [PublicationsService],
})
export class PublicationsModule {}
