import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { buildPolicyImpactSurvey, type SurveyDetail } from '@candor/shared';
import { insertResponses, policyImpactAnswers } from '../factories/responses';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { demoAnswers, fetchPublicSurvey, createSurvey, submit } from '../factories/surveys';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { ctidNumber, spearman } from '../support/rank-correlation';
import { IntakeMixer } from '@candor/api-testing';
import { mixNow } from '../support/mixing';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 16 point 6: `npm run backup` writes the database encrypted to a public key,
 * `npm run restore` brings it back into an empty database, row for row; raw responses
 * past their retention date are not in new backups.
 */

const root = resolve(__dirname, '../..');
const run = promisify(execFile);
const script = (name: string, args: string[], databaseUrl: string) =>
  run(process.execPath, [join(root, 'scripts', name), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    maxBuffer: 16 * 1024 * 1024,
  });

/** Every row of a table, as sorted JSON text: equal lists mean equal tables. */
async function rowsOf(db: Pool, table: string): Promise<string[]> {
  const result = await db.query(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
  return result.rows.map((r) => r.row as string).sort();
}

describe('encrypted backups', () => {
  const template = buildPolicyImpactSurvey({ eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' });
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let folder: string;
  let keys: { identity: string; recipient: string };
  let expiredSurveyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
    folder = mkdtempSync(join(tmpdir(), 'candor-backup-'));

    // A published survey: responses, a snapshot and its ledger, audit events.
    const created = (
      await researcher.post('/api/surveys', { slug: 'backed-up', title: 'Impact', source: 'template', definition: template }).expect(201)
    ).body as SurveyDetail;
    await giveResearchKey(researcher, created.id);
    await researcher.post(`/api/surveys/${created.id}/open`).expect(200);
    await insertResponses(testApp, created.id, policyImpactAnswers(150, 7));
    await organizer.post(`/api/surveys/${created.id}/publications`).expect(201);
    // Responses with receipts, through the API.
    const live = await createSurvey(testApp);
    const open = await fetchPublicSurvey(testApp, live.slug);
    for (let i = 0; i < 5; i++) await submit(testApp, live.slug, { versionId: open.versionId, answers: demoAnswers() }).expect(201);
    // A survey closed 400 days ago with a 365-day retention, not yet swept.
    const expired = await createSurvey(testApp);
    const expiredOpen = await fetchPublicSurvey(testApp, expired.slug);
    for (let i = 0; i < 3; i++)
      await submit(testApp, expired.slug, { versionId: expiredOpen.versionId, answers: demoAnswers() }).expect(201);
    await testApp.db.query(
      `UPDATE survey SET status = 'closed', closed_at = now() - interval '400 days', retention_days = 365 WHERE id = $1`,
      [expired.id],
    );
    expiredSurveyId = expired.id;

    const keygen = await script('backup.js', ['--keygen'], testApp.database.url);
    const lines = keygen.stdout.split('\n');
    keys = {
      identity: lines.find((l) => l.startsWith('AGE-SECRET-KEY-')) as string,
      recipient: lines.find((l) => l.startsWith('age1')) as string,
    };
    writeFileSync(join(folder, 'identity.txt'), `${keys.identity}\n`, { mode: 0o600 });
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await testApp.close();
  });

  it('round-trips every row into an empty database, leaving out responses past their retention date', async () => {
    const file = join(folder, 'candor.backup');
    await script('backup.js', ['--recipient', keys.recipient, '--out', file], testApp.database.url);
    const bytes = readFileSync(file);
    // Encrypted: age's header, and nothing readable.
    expect(bytes.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    expect(bytes.includes(Buffer.from('backed-up'))).toBe(false);
    expect(bytes.includes(Buffer.from('screened'))).toBe(false);

    const target: TestDatabase = await createTestDatabase();
    const restored = new Pool({ connectionString: target.url, max: 2 });
    try {
      await script('restore.js', ['--in', file, '--identity', join(folder, 'identity.txt')], target.url);
      const tables = (
        await testApp.db.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migration' ORDER BY 1`,
        )
      ).rows.map((r) => r.table_name as string);
      expect(tables).toEqual(
        expect.arrayContaining([
          'response',
          'publication',
          'release_ledger_entry',
          'audit_event',
          'submission_receipt',
          'staff_user',
          'survey',
          'survey_version',
        ]),
      );
      let droppedResponses = 0;
      let keptResponses = 0;
      for (const table of tables) {
        let expected = await rowsOf(testApp.db, table);
        if (table === 'response' || table === 'response_intake') {
          // Mixed or still pending in the intake, the expired survey's responses are left out.
          const dropped = (
            await testApp.db.query(
              `SELECT row_to_json(r)::text AS row FROM ${table} r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id = $1`,
              [expiredSurveyId],
            )
          ).rows.map((r) => r.row as string);
          droppedResponses += dropped.length;
          expected = expected.filter((row) => !dropped.includes(row));
          keptResponses += expected.length;
        }
        expect({ table, rows: await rowsOf(restored, table) }).toEqual({ table, rows: expected });
      }
      expect(droppedResponses).toBe(3);
      expect(keptResponses).toBe(155);
      expect((await restored.query('SELECT count(*)::int AS n FROM release_ledger_entry')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await restored.end();
      await target.drop();
    }
  });

  it('refuses a wrong key, and a database that is not empty, without changing it', async () => {
    const file = join(folder, 'again.backup');
    await script('backup.js', ['--recipient', keys.recipient, '--out', file], testApp.database.url);
    const other = (await script('backup.js', ['--keygen'], testApp.database.url)).stdout
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-')) as string;
    writeFileSync(join(folder, 'wrong.txt'), `${other}\n`);
    const target = await createTestDatabase();
    try {
      await expect(script('restore.js', ['--in', file, '--identity', join(folder, 'wrong.txt')], target.url)).rejects.toThrow(
        /restore failed/,
      );
      await expect(script('restore.js', ['--in', file, '--identity', join(folder, 'identity.txt')], testApp.database.url)).rejects.toThrow(
        /not empty/,
      );
      // A secret key given where the public key belongs is refused before anything is written.
      await expect(
        script('backup.js', ['--recipient', keys.identity, '--out', join(folder, 'x.backup')], testApp.database.url),
      ).rejects.toThrow(/PUBLIC key/);
    } finally {
      await target.drop();
    }
  });

  it('keeps no submission order in spent proofs written since the last mixer run, in the file or the restored database', async () => {
    // 1,000 proofs spent one after another (the mixer has not run since): physical order is arrival order.
    await testApp.db.query(
      `INSERT INTO spent_proof (token_hash, expires_on) SELECT sha256(convert_to('order-' || g, 'UTF8')), current_date + 2 FROM generate_series(1, 1000) g ORDER BY g`,
    );
    const file = join(folder, 'spent.backup');
    await script('backup.js', ['--recipient', keys.recipient, '--out', file], testApp.database.url);
    const target: TestDatabase = await createTestDatabase();
    const restored = new Pool({ connectionString: target.url, max: 2 });
    try {
      await script('restore.js', ['--in', file, '--identity', join(folder, 'identity.txt')], target.url);
      const rows = (
        await restored.query(
          `SELECT g, s.ctid::text AS ctid FROM spent_proof s JOIN generate_series(1, 1000) g ON s.token_hash = sha256(convert_to('order-' || g, 'UTF8'))`,
        )
      ).rows as Array<{ g: number; ctid: string }>;
      expect(rows).toHaveLength(1000);
      expect(
        Math.abs(
          spearman(
            rows.map((r) => r.g),
            rows.map((r) => ctidNumber(r.ctid)),
          ),
        ),
      ).toBeLessThan(0.1);
    } finally {
      await restored.end();
      await target.drop();
    }
  });

  it('keeps the mixer out while a backup reads: no submission stalls behind it, no deadlock, no pending row left out', async () => {
    const countIn = async (db: Pool) =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id WHERE v.survey_id <> $1`,
          [expiredSurveyId],
        )
      ).rows[0].n as number;
    const expected = await countIn(testApp.db);
    expect((await testApp.db.query('SELECT count(*)::int AS n FROM response_intake')).rows[0].n).toBeGreaterThan(0);
    const waiting = async (where: string) => {
      while (
        (await testApp.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation IS NOT NULL AND ${where}`)).rows[0]
          .n === 0
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // Hold the backup at \`response\`, after it has taken its snapshot and read the tables before it.
    const holder = await testApp.db.connect();
    const file = join(folder, 'during-mix.backup');
    let backingUp: Promise<unknown> = Promise.resolve();
    let outcome: unknown;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE response IN ACCESS EXCLUSIVE MODE');
      backingUp = script('backup.js', ['--recipient', keys.recipient, '--out', file], testApp.database.url);
      await waiting(`relation = 'response'::regclass`);
      // A mixer run now either steps aside at once, or queues for a table the backup has read.
      const mixing = testApp.app.get(IntakeMixer).mix();
      outcome = await Promise.race([mixing, waiting(`relation <> 'response'::regclass`).then(() => 'queued behind the backup')]);
      await holder.query('COMMIT');
      await mixing.catch(() => undefined);
    } finally {
      holder.release();
    }
    await backingUp;
    expect(outcome).toEqual({ ran: false, moved: 0, pending: 0, spends: 0 });
    const target: TestDatabase = await createTestDatabase();
    const restored = new Pool({ connectionString: target.url, max: 2 });
    try {
      await script('restore.js', ['--in', file, '--identity', join(folder, 'identity.txt')], target.url);
      expect(await countIn(restored)).toBe(expected);
    } finally {
      await restored.end();
      await target.drop();
    }
    await mixNow(testApp); // and after the backup, mixing goes on
  });
});
