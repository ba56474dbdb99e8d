import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SubmitResponseResult } from '@candor/shared';
import { Public } from '../common/public.decorator';
import { RateLimited } from '../common/rate-limit.module';
import { SlugParam } from '../surveys/dto/slug.param';
import { SubmitResponseDto } from './dto/submit-response.dto';
import { ResponsesService } from './responses.service';
import { RESPONDENT_CLEAR_SITE_DATA } from '../common/clear-site-data';

@Public()
@Controller('public/surveys/:slug/responses')
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  /**
   * Stores one anonymous response. The 201 body is the same for a first submission and
   * for a retry, and carries nothing that could identify or track the respondent.
   */
  @Post()
  @HttpCode(201)
  @RateLimited('submission')
  async submit(
    @Param() params: SlugParam,
    @Body() body: SubmitResponseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubmitResponseResult> {
    await this.responses.submit(params.slug, body);
    res.setHeader('Clear-Site-Data', RESPONDENT_CLEAR_SITE_DATA);
    return { status: 'received' };
  }
}
