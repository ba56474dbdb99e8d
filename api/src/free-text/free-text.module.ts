import { Module } from '@nestjs/common';
import { SurveysModule } from '../surveys/surveys.module';
import { FreeTextController } from './free-text.controller';
import { FreeTextRepository } from './free-text.repository';
import { FreeTextService } from './free-text.service';

/** The research team's reader of sealed free text (issue 17). */
@Module({
  imports: [SurveysModule],
  controllers: [FreeTextController],
  providers: [FreeTextService, FreeTextRepository],
})
export class FreeTextModule {}
