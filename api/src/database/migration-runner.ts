import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsWithLock } from './run-migrations';

/**
 * Applies pending migrations at boot, before anything (such as the demo seed) uses the
 * schema — as the owner (DATABASE_MIGRATION_URL) when one is configured, so the API's own
 * connection can be a role that cannot rewrite history (issue 9 point 9).
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const ownerUrl = this.config.DATABASE_MIGRATION_URL;
    let applied: string[];
    if (!ownerUrl) {
      applied = await runMigrationsWithLock(this.dataSource);
    } else {
      const owner = new DataSource(buildDataSourceOptions({ url: ownerUrl, poolSize: 2, ssl: this.config.DATABASE_SSL }));
      await owner.initialize();
      try {
        applied = await runMigrationsWithLock(owner);
      } finally {
        await owner.destroy();
      }
    }
    if (applied.length > 0) this.logger.log(`applied ${applied.length}: ${applied.join(', ')}`);
  }
}
