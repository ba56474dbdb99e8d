import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProtectionModule } from '../protection/protection.module';
import { DemoSeedService } from './demo-seed.service';
import { PublicSurveysController } from './public-surveys.controller';
import { StaffSurveysController } from './staff-surveys.controller';
import { SurveyDesignService } from './survey-design.service';
import { SurveyLifecycleService } from './survey-lifecycle.service';
import { SurveyVersionEntity } from './survey-version.entity';
import { SurveyEntity } from './survey.entity';
import { SurveyRepository } from './survey.repository';
import { SurveysService } from './surveys.service';
import { FieldingMonitorService } from './fielding-monitor.service';
import { SurveyTranslationsService } from './survey-translations.service';

@Module({
  imports: [TypeOrmModule.forFeature([SurveyEntity, SurveyVersionEntity]), ProtectionModule],
  controllers: [PublicSurveysController, StaffSurveysController],
  providers: [
    SurveysService,
    SurveyDesignService,
    SurveyLifecycleService,
    SurveyTranslationsService,
    FieldingMonitorService,
    DemoSeedService,
    SurveyRepository,
  ],
  exports: [SurveysService, SurveyDesignService],
})
export class SurveysModule {}
