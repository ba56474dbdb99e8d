import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoSeedService } from './demo-seed.service';
import { PublicSurveysController } from './public-surveys.controller';
import { SurveyVersionEntity } from './survey-version.entity';
import { SurveyEntity } from './survey.entity';
import { SurveysService } from './surveys.service';

@Module({
  imports: [TypeOrmModule.forFeature([SurveyEntity, SurveyVersionEntity])],
  controllers: [PublicSurveysController],
  providers: [SurveysService, DemoSeedService],
  exports: [SurveysService],
})
export class SurveysModule {}
