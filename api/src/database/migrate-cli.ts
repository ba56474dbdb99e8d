/**
 * Migration commands (`npm run migration:<run|revert|generate|check>`), on the same
 * DataSource options as the app. `generate <Name>` writes `migrations/<ms>-<Name>.ts`
 * from the difference between the entities and a database migrated to the latest;
 * `check` fails when that difference is not empty (entities and migrations disagree).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { runMigrationsWithLock } from './run-migrations';

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set (the migration CLI needs a database).');
  const dataSource = new DataSource(buildDataSourceOptions({ url, poolSize: 2 }));
  await dataSource.initialize();
  try {
    switch (command) {
      case 'run':
        await runMigrationsWithLock(dataSource);
        break;
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        break;
      case 'generate':
      case 'check': {
        const sql = await dataSource.driver.createSchemaBuilder().log();
        if (command === 'check') {
          if (sql.upQueries.length > 0) {
            console.error('Entities and migrations differ. Missing migration would run:');
            for (const query of sql.upQueries) console.error(`  ${query.query}`);
            process.exitCode = 1;
          } else {
            console.log('Entities and migrations agree.');
          }
          break;
        }
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migration:generate <PascalCaseName>');
        if (sql.upQueries.length === 0) {
          console.log('No changes: nothing to generate.');
          break;
        }
        const timestamp = Date.now();
        const escape = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`');
        const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`).join('\n');
        const down = [...sql.downQueries]
          .reverse()
          .map((q) => `    await queryRunner.query(\`${escape(q.query)}\`);`)
          .join('\n');
        const file = join(__dirname, 'migrations', `${timestamp}-${name}.ts`);
        writeFileSync(
          file,
          `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${timestamp} implements MigrationInterface {\n  name = '${name}${timestamp}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
        );
        console.log(`Wrote ${file}. Read it, then add it to migrations/index.ts.`);
        break;
      }
      default:
        throw new Error('usage: migrate-cli <run|revert|generate <Name>|check>');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
