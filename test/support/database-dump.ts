import type { TestApp } from './test-app';

/** Every table's rows, as JSON text: what a seized database would reveal. */
export async function dumpDatabase(testApp: TestApp): Promise<string> {
  const tables = await testApp.db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const parts: string[] = [];
  for (const { schema, name } of tables.rows) {
    const rows = await testApp.db.query(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`);
    parts.push(`-- ${schema}.${name}`, ...rows.rows.map((r) => r.row as string));
  }
  return parts.join('\n');
}
