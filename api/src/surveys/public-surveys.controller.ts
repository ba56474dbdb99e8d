import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Challenge } from 'altcha-lib';
import type { Response } from 'express';
import type { PublicSurvey } from '@candor/shared';
import { Public } from '../common/public.decorator';
import { RateLimited } from '../common/rate-limit.module';
import { AppConfig } from '../config/app-config';
import { ProofOfWorkService } from '../protection/proof-of-work.service';
import { SlugParam } from './dto/slug.param';
import { toPublicSurvey } from './survey.mapper';
import { SurveysService } from './surveys.service';
import { RESPONDENT_CLEAR_SITE_DATA } from '../common/clear-site-data';

@Public()
@Controller('public')
export class PublicSurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly proofOfWork: ProofOfWorkService,
    private readonly config: AppConfig,
  ) {}

  /** The open version's definition; nothing about other respondents. */
  @Get('surveys/:slug')
  async getSurvey(@Param() params: SlugParam): Promise<PublicSurvey> {
    const { survey, version } = await this.surveys.getOpenSurvey(params.slug);
    return toPublicSurvey(survey, version, this.proofOfWork.enabled);
  }

  /**
   * A proof-of-work challenge for one submission to this survey (altcha v2, SHA-256). The
   * respondent's device solves it while they answer; it is valid for POW_TTL_MINUTES, once.
   */
  @Get('surveys/:slug/challenge')
  @RateLimited('submission')
  async getChallenge(@Param() params: SlugParam): Promise<Challenge> {
    await this.surveys.getOpenSurvey(params.slug);
    return this.proofOfWork.challenge(params.slug);
  }

  /**
   * Quick exit: clears what this site left in the browser and sends it to a neutral page
   * (QUICK_EXIT_URL). The page calling it has already blanked itself.
   */
  @Get('exit')
  exit(@Res() res: Response): void {
    res.setHeader('Clear-Site-Data', RESPONDENT_CLEAR_SITE_DATA);
    res.redirect(303, this.config.QUICK_EXIT_URL);
  }
}
