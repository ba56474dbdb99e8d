import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runMigrationsWithLock } from './run-migrations';

/** Applies pending migrations at boot, before anything (such as the demo seed) uses the schema. */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const applied = await runMigrationsWithLock(this.dataSource);
    if (applied.length > 0) this.logger.log(`applied ${applied.length}: ${applied.join(', ')}`);
  }
}
