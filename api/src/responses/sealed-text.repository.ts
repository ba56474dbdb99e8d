import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The one place free-text answers are read (issue 17), and only as the sealed strings they
 * are stored as: one field's values, shuffled by the database, with nothing beside them —
 * no response id, period, version or other answer. The free-text module asks for them
 * through ResponsesService.
 */
@Injectable()
export class SealedTextRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every value at `path` in this survey's mixed responses, in random order. Rows still in the
   * intake are left out: reading twice must not tell which texts arrived in between.
   */
  async values(surveyId: string, path: readonly string[]): Promise<unknown[]> {
    const rows: Array<{ value: unknown }> = await this.dataSource.query(
      `SELECT r.answers #> $2::text[] AS value
         FROM response r JOIN survey_version v ON v.id = r.survey_version_id
        WHERE v.survey_id = $1 AND r.answers #> $2::text[] IS NOT NULL
        ORDER BY random()`,
      [surveyId, path],
    );
    return rows.map((row) => row.value);
  }

  /** How many of this survey's responses wait in the intake for the next mix (a count, nothing else). */
  async pending(surveyId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM response_intake i JOIN survey_version v ON v.id = i.survey_version_id WHERE v.survey_id = $1`,
      [surveyId],
    );
    return rows[0]?.n ?? 0;
  }
}
