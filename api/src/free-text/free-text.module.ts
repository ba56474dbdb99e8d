import { Module } from '@nestjs/common';
import { ResponsesModule } from '../responses/responses.module';
import { SurveysModule } from '../surveys/surveys.module';
import { FreeTextController } from './free-text.controller';
import { FreeTextService } from './free-text.service';

/** The research team's reader of sealed free text (issue 17). */
@Module({
  imports: [SurveysModule, ResponsesModule],
  controllers: [FreeTextController],
  providers: [FreeTextService],
})
export class FreeTextModule {}
