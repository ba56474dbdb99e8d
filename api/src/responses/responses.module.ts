import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutreachModule } from '../outreach/outreach.module';
import { ProtectionModule } from '../protection/protection.module';
import { SurveysModule } from '../surveys/surveys.module';
import { AnswerValidatorService } from './answer-validation/answer-validator.service';
import { IntakeBatcher } from './intake-batcher';
import { IntakeMixRepository } from './intake-mix.repository';
import { IntakeMixer } from './intake-mixer';
import { ResponseIntakeEntity } from './response-intake.entity';
import { ResponseEntity } from './response.entity';
import { ResponseRetentionRepository } from './response-retention.repository';
import { ResponseRepository } from './response.repository';
import { ResponsesController } from './responses.controller';
import { ResponsesService } from './responses.service';
import { SealedTextRepository } from './sealed-text.repository';
import { SubmissionReceiptEntity } from './submission-receipt.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([ResponseEntity, ResponseIntakeEntity, SubmissionReceiptEntity]),
    SurveysModule,
    ProtectionModule,
    OutreachModule,
  ],
  controllers: [ResponsesController],
  providers: [
    ResponsesService,
    AnswerValidatorService,
    IntakeBatcher,
    IntakeMixer,
    ResponseRepository,
    IntakeMixRepository,
    ResponseRetentionRepository,
    SealedTextRepository,
  ],
  exports: [ResponsesService, AnswerValidatorService, IntakeMixer],
})
export class ResponsesModule {}
