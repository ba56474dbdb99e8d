import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import type { PublicationSnapshot } from '@candor/shared';
import { PublicationEntity } from './publication.entity';

/** Publications: the list staff see, the public dashboard's latest release, and what a release depends on. */
@Injectable()
export class PublicationRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(PublicationEntity) private readonly publications: Repository<PublicationEntity>,
  ) {}

  /** The survey's publications, newest first, each with its publisher's email (null once the account is gone). */
  async listWithEmails(surveyId: string): Promise<Array<PublicationEntity & { email: string | null }>> {
    return this.publications
      .createQueryBuilder('p')
      .leftJoin('staff_user', 'u', 'u.id = p.published_by')
      .addSelect('u.email', 'email')
      .where('p.survey_id = :surveyId', { surveyId })
      .orderBy('p.number', 'DESC')
      .getRawAndEntities()
      .then(({ entities, raw }) => entities.map((entity, i) => ({ ...entity, email: (raw[i] as { email: string | null }).email })));
  }

  /** The latest release of the survey with this slug, withdrawn or not (undefined before the first). */
  async latestBySlug(slug: string): Promise<{ snapshot: PublicationSnapshot; withdrawn_at: Date | null } | undefined> {
    const rows: Array<{ snapshot: PublicationSnapshot; withdrawn_at: Date | null }> = await this.dataSource.query(
      `SELECT p.snapshot, p.withdrawn_at FROM publication p JOIN survey s ON s.id = p.survey_id
        WHERE s.slug = $1 ORDER BY p.number DESC LIMIT 1`,
      [slug],
    );
    return rows[0];
  }

  /**
   * Everything a release depends on, read cheaply in one row: the survey's settings and
   * state, its versions, the release and staff ledgers, and how many responses it has.
   */
  async dependencies(manager: EntityManager, surveyId: string): Promise<unknown[]> {
    const rows: unknown[] = await manager.query(
      `SELECT s.status, s.k, s.min_responses, s.min_group, s.perturbation, s.crosstabs, s.fielding_version, s.opened_at, s.closed_at, s.title, s.locales,
              (SELECT max(number) FROM survey_version WHERE survey_id = s.id) AS versions,
              (SELECT count(*) FROM publication WHERE survey_id = s.id) AS publications,
              (SELECT coalesce(max(number), 0) FROM staff_release WHERE survey_id = s.id) AS shown,
              (SELECT count(*) FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = s.id) AS responses
         FROM survey s WHERE s.id = $1`,
      [surveyId],
    );
    return rows;
  }
}
