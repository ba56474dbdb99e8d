import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { uiLocaleFor } from '@candor/shared';
import { AddressHasher } from '../common/address-hasher';
import { requestLimitSubject } from '../common/client-address';
import { Public } from '../common/public.decorator';
import { RateLimited } from '../common/rate-limit.module';
import { SlugParam } from '../surveys/dto/slug.param';
import { webEntry } from '../web/web-entry';
import { LeanFormService, type LeanResult } from './lean-form.service';
import { PendingPages } from './pending-pages';
import { safetyHtml } from './render';

/** A survey may be offered in any ISO 639-1 language; the service falls back to the survey's first. */
const language = (lang: unknown): string => (typeof lang === 'string' && /^[a-z]{2}$/.test(lang) ? lang : 'en');
const TOKEN = /^[A-Za-z0-9_-]{24}$/;

/**
 * `/f/...`: the survey as plain HTML forms, for every browser (outside the /api prefix).
 * Each POST answers with a redirect to a one-time GET (POST-redirect-GET): "Back" never
 * resubmits the form, and never shows answers again.
 */
@Public()
@ApiExcludeController()
@Controller('f')
export class LeanFormController {
  constructor(
    private readonly form: LeanFormService,
    private readonly pending: PendingPages,
    private readonly hasher: AddressHasher,
  ) {}

  /** "Staying safe online", as plain HTML. Declared before :slug so it is not taken for a survey. */
  @Get('safety')
  safety(@Query('lang') lang: unknown, @Res() res: Response): void {
    send(res, { status: 200, html: safetyHtml(uiLocaleFor(language(lang))) });
  }

  /** The first page carries a ticket that stands in for proof of work: issued at the challenge rate. */
  @Get(':slug')
  @RateLimited('submission')
  async start(@Param() params: SlugParam, @Query('lang') lang: unknown, @Query('r') token: unknown, @Res() res: Response): Promise<void> {
    if (token !== undefined) {
      const page = typeof token === 'string' && TOKEN.test(token) ? this.pending.take(token) : undefined;
      send(res, page ?? this.form.expired(params.slug, uiLocaleFor(language(lang))));
      return;
    }
    send(res, await this.form.start(params.slug, language(lang)));
  }

  @Post(':slug')
  @RateLimited('submission')
  async step(
    @Param() params: SlugParam,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const result = await this.form.step(params.slug, body ?? {});
    const token = this.pending.put(result, this.hasher.key(requestLimitSubject(req)));
    if (token === undefined) {
      // This client has filled its share of the one-time pages: the page comes at once (no redirect).
      send(res, result);
      return;
    }
    const lang = /<html lang="([a-z]{2})">/.exec(result.html.slice(0, 200))?.[1] ?? 'en';
    res.redirect(303, `/f/${params.slug}?r=${token}&lang=${lang}`);
  }
}

/**
 * `/s/:slug`, the address organizers share: the first page rendered here at once (it
 * works without JavaScript), with a small script that adds Quick exit's blanking, the
 * identifying-details warning, and SurveyJS where the link is fast enough for it.
 */
@Public()
@ApiExcludeController()
@Controller('s')
export class SharedLinkController {
  constructor(private readonly form: LeanFormService) {}

  /** Like `/f/:slug`, the first page carries a ticket: issued at the same rate. */
  @Get(':slug')
  @RateLimited('submission')
  async start(@Param() params: SlugParam, @Query('lang') lang: unknown, @Res() res: Response): Promise<void> {
    send(res, await this.form.start(params.slug, language(lang), webEntry()));
  }
}

function send(res: Response, result: LeanResult): void {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  res.status(result.status).type('html').send(result.html);
}
