import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { fieldingMonitor, type FieldingMonitor } from '@candor/shared';
import { Clock } from '../common/clock';
import { findSurvey } from './find-survey';
import { SurveyEntity } from './survey.entity';
import { SurveyRepository } from './survey.repository';

/**
 * The fielding monitor (issue 13 point 10): responses per period and progress toward the
 * release floor, coarsened by `fieldingMonitor` in shared (see there why it cannot time a
 * respondent). Reads counts per period only, never answers.
 */
@Injectable()
export class FieldingMonitorService {
  constructor(
    @InjectRepository(SurveyEntity) private readonly surveyRepo: Repository<SurveyEntity>,
    private readonly clock: Clock,
    private readonly rows: SurveyRepository,
  ) {}

  async monitor(id: string): Promise<FieldingMonitor> {
    const survey = await findSurvey(this.surveyRepo.manager, id);
    return fieldingMonitor({
      counts: await this.rows.periodCounts(id),
      granularity: survey.timeGranularity,
      k: survey.k,
      minResponses: survey.minResponses,
      openedAt: survey.openedAt,
      now: this.clock.now(),
    });
  }
}
