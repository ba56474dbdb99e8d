import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import type { SubmitResponseResult } from '@candor/shared';
import { Public } from '../common/public.decorator';
import { RateLimited } from '../common/rate-limit.module';
import { SlugParam } from '../surveys/dto/slug.param';
import { OutreachUploadDto } from './dto/outreach-device.dto';
import { OutreachUploadsService } from './outreach-uploads.service';

/**
 * Uploads from prepared outreach devices. Public as far as staff sessions go (the device
 * holds no session): the device token in `Authorization` is checked by the service, and the
 * address-keyed submission rate limit applies. Under `/api/public/surveys/`, so like every
 * respondent route nothing about the request is logged. Unlike a respondent's submission,
 * the answer carries no Clear-Site-Data: it would wipe the device's queue and its offline copy.
 */
@Public()
@Controller('public/surveys/:slug/outreach-uploads')
export class OutreachUploadsController {
  constructor(private readonly uploads: OutreachUploadsService) {}

  @Post()
  @HttpCode(201)
  @RateLimited('submission')
  async upload(
    @Param() params: SlugParam,
    @Body() body: OutreachUploadDto,
    @Headers('authorization') authorization?: string,
  ): Promise<SubmitResponseResult> {
    await this.uploads.upload(params.slug, bearerToken(authorization), body.sealed);
    return { status: 'received' };
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header ?? '');
  return match?.[1] ?? null;
}
