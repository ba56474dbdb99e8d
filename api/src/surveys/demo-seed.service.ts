import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DEMO_SURVEY_DEFINITION, DEMO_SURVEY_SLUG } from '@candor/shared';
import { AppConfig } from '../config/app-config';
import { SurveysService } from './surveys.service';

/** On an empty database, creates the open demo survey at `/s/demo`. */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly config: AppConfig,
    private readonly surveys: SurveysService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_SURVEY) return;
    if ((await this.surveys.countSurveys()) > 0) return;
    try {
      await this.surveys.createSurvey({
        slug: DEMO_SURVEY_SLUG,
        title: 'Demo: work and safety check-in',
        definition: DEMO_SURVEY_DEFINITION,
        status: 'open',
        locales: ['en', 'es'],
      });
      this.logger.log(`seeded the demo survey at /s/${DEMO_SURVEY_SLUG}`);
    } catch (error) {
      // Another instance seeded it first (unique slug): nothing to do.
      if ((error as { code?: string }).code !== '23505') throw error;
    }
  }
}
