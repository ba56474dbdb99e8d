import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { PrivacySafeTypeOrmLogger } from './privacy-safe-typeorm.logger';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  readonly url: string;
  readonly poolSize?: number;
  readonly ssl?: boolean;
}

/**
 * The one set of DataSource options, used by the app and by the migration CLI.
 * Schema changes go through migrations only: `synchronize` stays off.
 */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    ssl: settings.ssl ? { rejectUnauthorized: true } : false,
    entities: [...ENTITIES],
    migrations: [...MIGRATIONS],
    migrationsTableName: 'migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn', 'migration'],
    logger: new PrivacySafeTypeOrmLogger(),
    maxQueryExecutionTime: 2000,
    extra: {
      max: settings.poolSize ?? 20,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      application_name: 'candor',
    },
  };
}
