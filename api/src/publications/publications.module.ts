import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AggregationRepository } from './aggregation.repository';
import { auditSolverProvider } from './highs-solver.provider';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { PublicDashboardsController } from './public-dashboards.controller';
import { PublicationEntity } from './publication.entity';
import { PublicationsController } from './publications.controller';
import { PublicationsService } from './publications.service';

@Module({
  imports: [TypeOrmModule.forFeature([PublicationEntity, LedgerEntryEntity])],
  controllers: [PublicationsController, PublicDashboardsController],
  providers: [PublicationsService, AggregationRepository, auditSolverProvider],
  exports: [PublicationsService],
})
export class PublicationsModule {}
