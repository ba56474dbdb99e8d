import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import type { PublicationSnapshot } from '@candor/shared';
import { Public } from '../common/public.decorator';
import { SlugParam } from '../surveys/dto/slug.param';
import { PublicationsService } from './publications.service';

export class CsvQuery {
  @IsOptional()
  @IsIn(['en', 'es'])
  lang?: 'en' | 'es';
}

/** Published snapshots only: the public never sees live counts or answers (P4, habit 13). */
@ApiTags('public')
@Public()
@Controller('public/dashboards')
export class PublicDashboardsController {
  constructor(private readonly publications: PublicationsService) {}

  @Get(':slug')
  snapshot(@Param() params: SlugParam): Promise<PublicationSnapshot> {
    return this.publications.publicSnapshot(params.slug);
  }

  /** Exactly the published snapshot, as a JSON file. */
  @Get(':slug/snapshot.json')
  async json(@Param() params: SlugParam, @Res({ passthrough: true }) res: Response): Promise<PublicationSnapshot> {
    const snapshot = await this.publications.publicSnapshot(params.slug);
    res.setHeader('Content-Disposition', `attachment; filename="candor-${snapshot.survey.slug}-${snapshot.number}.json"`);
    return snapshot;
  }

  /** Exactly the published snapshot, as CSV (suppressed numbers empty, marked "suppressed"). */
  @Get(':slug/snapshot.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Param() params: SlugParam, @Query() query: CsvQuery, @Res({ passthrough: true }) res: Response): Promise<string> {
    const { filename, body } = await this.publications.publicCsv(params.slug, query.lang ?? 'en');
    res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }
}
