// Encrypted logical backups of Candor's database (issue 16 point 6).
//
// A backup is the rows of every table, read in one REPEATABLE READ snapshot, as gzipped
// JSON lines, encrypted with age (age-encryption, X25519) to a public key: the server
// never holds the private key, so a backup taken from it (or stolen from wherever backups
// go) is unreadable without the research team's key. The schema is not dumped: restore
// runs this build's migrations into an empty database, then loads the rows — so a backup
// is restored with the Candor version that made it (the backup lists its migrations).
//
// Raw responses past their survey's retention date are left out of new backups even if
// the retention sweep has not run yet.
'use strict';

const fs = require('node:fs');
const readline = require('node:readline');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const zlib = require('node:zlib');
const { Client } = require('pg');

const FORMAT = 'candor-backup';
const VERSION = 1;
const CHUNK = 2000;
/** Not rows of Candor: recreated by the migrations on restore. */
const SKIPPED_TABLES = new Set(['migration', 'typeorm_metadata']);

/** Per-table filters applied to new backups. */
// P8: responses whose survey closed more than its retention period ago are not backed up,
// whether the intake mixer has moved them into `response` yet or they still wait in the intake.
const PAST_RETENTION = `survey_version_id NOT IN (
      SELECT v.id FROM survey_version v JOIN survey s ON s.id = v.survey_id
       WHERE s.status = 'closed' AND s.closed_at IS NOT NULL
         AND s.closed_at + make_interval(days => s.retention_days) <= now())`;
const FILTERS = { response: PAST_RETENTION, response_intake: PAST_RETENTION };

// P2: rows a respondent's submission wrote (spent proofs included) are read in random order,
// so a backup (and the database it is restored into) keeps no arrival order — the intake
// table's physical order still follows arrival until the next mixer run.
const SHUFFLED = new Set(['response', 'response_intake', 'submission_receipt', 'outreach_spend', 'spent_proof']);

/** The intake mixer's advisory lock key (api/src/responses/intake-mixer.ts). */
const MIXER_LOCK = 0x63616e64;

const quote = (name) => `"${name.replace(/"/g, '""')}"`;

async function loadAge() {
  return import('age-encryption');
}

/** Base tables of the public schema, parents before children (foreign keys). */
async function tablesInLoadOrder(client) {
  const tables = (
    await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).rows
    .map((row) => row.table_name)
    .filter((name) => !SKIPPED_TABLES.has(name));
  const edges = (
    await client.query(`
    SELECT child.relname AS child, parent.relname AS parent
      FROM pg_constraint c
      JOIN pg_class child ON child.oid = c.conrelid
      JOIN pg_class parent ON parent.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = child.relnamespace
     WHERE c.contype = 'f' AND n.nspname = 'public' AND child.relname <> parent.relname`)
  ).rows;
  const parents = new Map(tables.map((table) => [table, new Set()]));
  for (const { child, parent } of edges) parents.get(child)?.add(parent);
  const ordered = [];
  const placed = new Set();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (table) => !placed.has(table) && [...parents.get(table)].every((parent) => placed.has(parent) || !parents.has(parent)),
    );
    if (ready.length === 0) throw new Error('foreign keys form a cycle between tables: cannot order them');
    for (const table of ready) {
      ordered.push(table);
      placed.add(table);
    }
  }
  return ordered;
}

async function appliedMigrations(client) {
  return (await client.query('SELECT name FROM migration ORDER BY id')).rows.map((row) => row.name);
}

/** Writes an encrypted backup of `databaseUrl` to `outFile`; returns the rows per table. */
async function backup({ databaseUrl, recipient, outFile }) {
  const { Encrypter } = await loadAge();
  const encrypter = new Encrypter();
  try {
    encrypter.addRecipient(recipient);
  } catch (error) {
    throw new Error(`not an age public key (age1…): ${error.message}`);
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const counts = {};
  try {
    // The intake mixer's lock, taken before the snapshot and held to the end: a mixer run
    // steps aside meanwhile. Otherwise it would queue for the intake tables this backup has
    // read — every submission stalling behind it, or a deadlock — and its TRUNCATE, which is
    // not MVCC-safe, would show this snapshot an empty intake: pending responses left out.
    await client.query('SELECT pg_advisory_lock_shared($1::bigint)', [MIXER_LOCK]);
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInLoadOrder(client);
    const migrations = await appliedMigrations(client);

    async function* lines() {
      yield JSON.stringify({ format: FORMAT, version: VERSION, migrations, tables }) + '\n';
      for (const table of tables) {
        const where = (FILTERS[table] ? ` WHERE ${FILTERS[table]}` : '') + (SHUFFLED.has(table) ? ' ORDER BY random()' : '');
        const cursor = `backup_${tables.indexOf(table)}`;
        await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM ${quote(table)} t${where}`);
        yield JSON.stringify(['table', table]) + '\n';
        let rows = 0;
        for (;;) {
          const { rows: batch } = await client.query(`FETCH ${CHUNK} FROM ${cursor}`);
          if (batch.length === 0) break;
          rows += batch.length;
          yield batch.map((row) => row.row).join('\n') + '\n';
        }
        await client.query(`CLOSE ${cursor}`);
        counts[table] = rows;
        yield JSON.stringify(['end', table, rows]) + '\n';
      }
      yield JSON.stringify(['complete']) + '\n';
    }

    const gzipped = Readable.from(lines()).pipe(zlib.createGzip());
    const encrypted = await encrypter.encrypt(Readable.toWeb(gzipped));
    const partial = `${outFile}.partial`;
    await pipeline(Readable.fromWeb(encrypted), fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, outFile);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  return counts;
}

/** Restores an encrypted backup into the empty database at `databaseUrl`; `migrate` creates the schema. */
async function restore({ databaseUrl, identity, inFile, migrate }) {
  const { Decrypter } = await loadAge();
  const decrypter = new Decrypter();
  try {
    decrypter.addIdentity(identity);
  } catch (error) {
    throw new Error(`not an age secret key (AGE-SECRET-KEY-1…): ${error.message}`);
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const existing = (await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0]
      .n;
    if (existing > 0) throw new Error('the target database is not empty: restore only into a new, empty database');

    const decrypted = await decrypter.decrypt(Readable.toWeb(fs.createReadStream(inFile)));
    const text = Readable.fromWeb(decrypted).pipe(zlib.createGunzip());
    const reader = readline.createInterface({ input: text, crlfDelay: Infinity });
    const iterator = reader[Symbol.asyncIterator]();
    const next = async () => {
      const { value, done } = await iterator.next();
      if (done) throw new Error('the backup ends early: it is incomplete or damaged');
      return value;
    };

    const header = JSON.parse(await next());
    if (header.format !== FORMAT || header.version !== VERSION)
      throw new Error('not a Candor backup (or from an unknown version of the format)');
    await migrate();
    const migrations = await appliedMigrations(client);
    if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
      throw new Error(
        `this backup was made by another version of Candor: restore it with the version whose migrations are ${header.migrations.at(-1)} (this one has ${migrations.at(-1)})`,
      );
    }

    const counts = {};
    await client.query('BEGIN');
    try {
      for (;;) {
        // Rows are JSON objects; section markers are arrays, so no row can be taken for one.
        const line = JSON.parse(await next());
        if (Array.isArray(line) && line[0] === 'complete') break;
        if (!Array.isArray(line) || line[0] !== 'table' || !header.tables.includes(line[1]))
          throw new Error('the backup is damaged (unexpected section)');
        const table = line[1];
        // Rows a migration seeded (the outreach-device policy, say) give way to the backup's own.
        const seeded = await client.query(`SELECT EXISTS (SELECT 1 FROM ${quote(table)}) AS seeded`);
        if (seeded.rows[0].seeded) await client.query(`DELETE FROM ${quote(table)}`);
        let rows = 0;
        let batch = [];
        const flush = async () => {
          if (batch.length === 0) return;
          await client.query(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, [
            `[${batch.join(',')}]`,
          ]);
          rows += batch.length;
          batch = [];
        };
        for (;;) {
          const row = await next();
          if (row.startsWith('[')) {
            await flush();
            const [mark, name, expected] = JSON.parse(row);
            if (mark !== 'end' || name !== table || expected !== rows)
              throw new Error(`the backup is damaged: ${table} should have ${expected} rows, read ${rows}`);
            break;
          }
          batch.push(row);
          if (batch.length >= CHUNK) await flush();
        }
        counts[table] = rows;
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    reader.close();
    return counts;
  } finally {
    await client.end();
  }
}

/** A new key pair: the secret key stays with the research team, the public key goes on the server. */
async function generateKeyPair() {
  const { generateX25519Identity, identityToRecipient } = await loadAge();
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

module.exports = { backup, restore, generateKeyPair };
