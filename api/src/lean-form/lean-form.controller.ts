import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/public.decorator';
import { RateLimited } from '../common/rate-limit.module';
import { SlugParam } from '../surveys/dto/slug.param';
import { LeanFormService, type LeanResult } from './lean-form.service';
import { safetyHtml } from './render';

const language = (lang: unknown): string => (lang === 'es' ? 'es' : 'en');

/**
 * `/f/...`: the pages respondents get without JavaScript (outside the /api prefix). The
 * web app's `/s/:slug` points here from a <noscript> refresh.
 */
@Public()
@ApiExcludeController()
@Controller('f')
export class LeanFormController {
  constructor(private readonly form: LeanFormService) {}

  /** "Staying safe online", as plain HTML. Declared before :slug so it is not taken for a survey. */
  @Get('safety')
  safety(@Query('lang') lang: unknown, @Res() res: Response): void {
    send(res, { status: 200, html: safetyHtml(language(lang)) });
  }

  @Get(':slug')
  async start(@Param() params: SlugParam, @Query('lang') lang: unknown, @Res() res: Response): Promise<void> {
    send(res, await this.form.start(params.slug, language(lang)));
  }

  @Post(':slug')
  @RateLimited('submission')
  async step(@Param() params: SlugParam, @Body() body: Record<string, unknown> | undefined, @Res() res: Response): Promise<void> {
    send(res, await this.form.step(params.slug, body ?? {}));
  }
}

function send(res: Response, result: LeanResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status).type('html').send(result.html);
}
