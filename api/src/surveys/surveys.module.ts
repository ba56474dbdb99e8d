import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoSeedService } from './demo-seed.service';
import { PublicSurveysController } from './public-surveys.controller';
import { StaffSurveysController } from './staff-surveys.controller';
import { SurveyDesignService } from './survey-design.service';
import { SurveyLifecycleService } from './survey-lifecycle.service';
import { SurveyVersionEntity } from './survey-version.entity';
import { SurveyEntity } from './survey.entity';
import { SurveysService } from './surveys.service';

@Module({
  imports: [TypeOrmModule.forFeature([SurveyEntity, SurveyVersionEntity])],
  controllers: [PublicSurveysController, StaffSurveysController],
  providers: [SurveysService, SurveyDesignService, SurveyLifecycleService, DemoSeedService],
  exports: [SurveysService, SurveyDesignService],
})
export class SurveysModule {}
