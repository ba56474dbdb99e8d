import { Controller, Get, Param } from '@nestjs/common';
import type { PublicSurvey } from '@candor/shared';
import { Public } from '../common/public.decorator';
import { SlugParam } from './dto/slug.param';
import { toPublicSurvey } from './survey.mapper';
import { SurveysService } from './surveys.service';

@Public()
@Controller('public/surveys')
export class PublicSurveysController {
  constructor(private readonly surveys: SurveysService) {}

  /** The open version's definition; nothing about other respondents. */
  @Get(':slug')
  async getSurvey(@Param() params: SlugParam): Promise<PublicSurvey> {
    const { survey, version } = await this.surveys.getOpenSurvey(params.slug);
    return toPublicSurvey(survey, version);
  }
}
