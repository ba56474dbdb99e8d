import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The health check's one statement: it touches no table, only proves the database answers. */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Rejects when the database cannot be reached. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
