import { Module } from '@nestjs/common';
import { ProtectionModule } from '../protection/protection.module';
import { ResponsesModule } from '../responses/responses.module';
import { SurveysModule } from '../surveys/surveys.module';
import { LeanFormController } from './lean-form.controller';
import { LeanFormService } from './lean-form.service';

@Module({
  imports: [SurveysModule, ResponsesModule, ProtectionModule],
  controllers: [LeanFormController],
  providers: [LeanFormService],
})
export class LeanFormModule {}
