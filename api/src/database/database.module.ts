import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions } from './data-source-options';
import { MigrationRunner } from './migration-runner';
import { Transactions } from './transactions';

/** The one DataSource, from the same options the migration CLI uses, and {@link Transactions} for every module. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          ssl: config.DATABASE_SSL,
        }),
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [MigrationRunner, Transactions],
  exports: [Transactions],
})
export class DatabaseModule {}
