import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The statements on `spent_proof` (issue 15 point 1); the batching that groups reservations
 * into one statement stays in {@link SpentProofStore}.
 */
@Injectable()
export class SpentProofRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts every row not there yet, in one statement; returns the hashes it inserted. */
  async insertNew(hashes: readonly Buffer[], expiresOn: readonly string[]): Promise<Buffer[]> {
    const rows: Array<{ token_hash: Buffer }> = await this.dataSource.query(
      `INSERT INTO spent_proof (token_hash, expires_on)
         SELECT * FROM unnest($1::bytea[], $2::date[])
         ON CONFLICT (token_hash) DO NOTHING
         RETURNING token_hash`,
      [hashes, expiresOn],
    );
    return rows.map((row) => row.token_hash);
  }

  async delete(hash: Buffer): Promise<void> {
    await this.dataSource.query('DELETE FROM spent_proof WHERE token_hash = $1', [hash]);
  }

  async exists(hash: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM spent_proof WHERE token_hash = $1', [hash]);
    return rows.length > 0;
  }

  /** Deletes rows expiring on or before `day` (YYYY-MM-DD); returns how many. */
  async deleteExpired(day: string): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query('DELETE FROM spent_proof WHERE expires_on <= $1', [day]);
    return result[1];
  }
}
