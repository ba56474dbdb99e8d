import { randomBytes } from 'node:crypto';
import {
  openSealedText,
  type OutreachDevice,
  type PreparedOutreachDevice,
  type ResearchKeyPair,
  type SealedSubmission,
  type SurveyDefinition,
} from '@candor/shared';
import { generateRawKeyPair, sealBox } from '@candor/api-testing';
import { sealedAsBrowsersSend } from '../factories/responses';
import { giveResearchKey, staffAgent, type StaffAgent } from '../factories/staff';
import { countResponses, createSurvey, demoAnswers, newKey } from '../factories/surveys';
import { mixNow } from '../support/mixing';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 18: outreach devices. A prepared tablet seals each submission to the survey's key;
 * the upload opens it and runs the one intake. The attacks: a revoked or stolen token, a box
 * for another survey, a tampered box, hostile content inside a box, and the server writing
 * anything that links a device or a staff member to a response.
 */
describe('outreach devices: prepare, seal, upload, revoke', () => {
  let app: TestApp;
  let researcher: StaffAgent;
  let admin: StaffAgent;
  let survey: { id: string; slug: string };
  let prepared: PreparedOutreachDevice;

  const seal = (device: PreparedOutreachDevice, submission: SealedSubmission | Record<string, unknown>) =>
    sealBox(Buffer.from(JSON.stringify(submission)), Buffer.from(device.publicKey, 'base64url'), device.surveyId);
  const upload = (slug: string, token: string | null, sealed: string) => {
    const req = app.http().post(`/api/public/surveys/${slug}/outreach-uploads`).set('Content-Type', 'application/json');
    return (token ? req.set('Authorization', `Bearer ${token}`) : req).send({ sealed });
  };
  const submission = (answers: Record<string, unknown> = demoAnswers()): SealedSubmission => ({
    versionId: prepared.survey.versionId,
    answers,
    idempotencyKey: newKey(),
  });

  beforeAll(async () => {
    app = await startTestApp();
    researcher = await staffAgent(app, 'researcher');
    admin = await staffAgent(app, 'admin');
    await admin.put('/api/outreach-devices/policy', { allowedRoles: ['researcher', 'organizer'] }).expect(200);
    survey = await createSurvey(app);
    prepared = (await researcher.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Blue tablet' }).expect(201))
      .body as PreparedOutreachDevice;
  });
  afterAll(async () => app.close());

  it('prepares a device with the open version in every language, the survey key and a token kept only as a hash', async () => {
    expect(prepared.survey.slug).toBe(survey.slug);
    expect(prepared.survey.locales).toEqual(['en', 'es']);
    expect(JSON.stringify(prepared.survey.definition)).toContain('¿Tienes 18 años o más?');
    expect(prepared.survey.protection.proofOfWork).toBe(false);
    expect(Buffer.from(prepared.publicKey, 'base64url')).toHaveLength(32);
    const rows = await app.db.query('SELECT token_hash, label FROM outreach_device');
    expect(rows.rows).toHaveLength(1);
    expect(JSON.stringify(rows.rows)).not.toContain(prepared.token);
    const key = await app.db.query('SELECT public_key, wrapped_private_key FROM outreach_device_key WHERE survey_id = $1', [survey.id]);
    expect(key.rows[0].public_key.toString('base64url')).toBe(prepared.publicKey);
    // A second device of the same survey gets the same survey key, another token.
    const second = (await researcher.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Green phone' }).expect(201))
      .body as PreparedOutreachDevice;
    expect(second.publicKey).toBe(prepared.publicKey);
    expect(second.token).not.toBe(prepared.token);
  });

  it('stores a sealed submission through the normal intake, exactly once however often the box is sent', async () => {
    const before = await countResponses(app);
    const sealed = seal(prepared, submission());
    await upload(survey.slug, prepared.token, sealed).expect(201, { status: 'received' });
    const again = await upload(survey.slug, prepared.token, sealed);
    expect(again.status).toBe(201);
    expect(again.headers['clear-site-data']).toBeUndefined();
    expect(await countResponses(app)).toBe(before + 1);
  });

  it('writes nothing about the device or its staff member when it uploads', async () => {
    const devices = await app.db.query('SELECT * FROM outreach_device ORDER BY id');
    const audit = await app.db.query('SELECT count(*)::int AS n FROM audit_event');
    await upload(survey.slug, prepared.token, seal(prepared, submission())).expect(201);
    expect((await app.db.query('SELECT * FROM outreach_device ORDER BY id')).rows).toEqual(devices.rows);
    expect((await app.db.query('SELECT count(*)::int AS n FROM audit_event')).rows[0].n).toBe(audit.rows[0].n);
    const intake = await app.db.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name IN ('response', 'response_intake')",
    );
    expect(intake.rows.map((r) => r.column_name).filter((name: string) => /device|staff|token|created|upload/.test(name))).toEqual([]);
  });

  it('refuses answers the version refuses, and stores nothing', async () => {
    const before = await countResponses(app);
    const refused = await upload(survey.slug, prepared.token, seal(prepared, submission({ adult: 'maybe' })));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_ANSWERS');
    const stale = await upload(
      survey.slug,
      prepared.token,
      seal(prepared, { ...submission(), versionId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    expect(await countResponses(app)).toBe(before);
  });

  it.each([
    ['extra fields', { versionId: 'x', answers: {}, idempotencyKey: 'short', who: 'staff' }, 'VALIDATION_FAILED'],
    [
      'a proof of work',
      { ...{ versionId: '00000000-0000-4000-8000-000000000000', answers: {}, idempotencyKey: 'k'.repeat(20) }, proofOfWork: 'x' },
      'VALIDATION_FAILED',
    ],
    [
      'a reserved key',
      JSON.parse(
        '{"versionId":"00000000-0000-4000-8000-000000000000","answers":{"__proto__":{"a":1}},"idempotencyKey":"kkkkkkkkkkkkkkkkkkkk"}',
      ),
      'VALIDATION_FAILED',
    ],
    [
      'deep nesting',
      { versionId: '00000000-0000-4000-8000-000000000000', answers: { a: [[[[[[[1]]]]]]] }, idempotencyKey: 'k'.repeat(20) },
      'PAYLOAD_TOO_DEEP',
    ],
    ['an array', [1, 2, 3], 'VALIDATION_FAILED'],
  ])('answers a box holding %s with a clear 4xx', async (_label, content, code) => {
    const response = await upload(survey.slug, prepared.token, seal(prepared, content as Record<string, unknown>));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.code).toBe(code);
  });

  it('refuses a tampered box, a box for another survey and text that is no box, with 400 and nothing stored', async () => {
    const before = await countResponses(app);
    const sealed = Buffer.from(seal(prepared, submission()), 'base64url');
    sealed[sealed.length - 20] = (sealed[sealed.length - 20] ?? 0) ^ 1;
    expect((await upload(survey.slug, prepared.token, sealed.toString('base64url'))).body.code).toBe('VALIDATION_FAILED');
    const stranger = generateRawKeyPair();
    const foreign = sealBox(Buffer.from(JSON.stringify(submission())), stranger.publicKey, survey.id);
    expect((await upload(survey.slug, prepared.token, foreign)).status).toBe(400);
    const otherSurvey = sealBox(
      Buffer.from(JSON.stringify(submission())),
      Buffer.from(prepared.publicKey, 'base64url'),
      '00000000-0000-4000-8000-000000000000',
    );
    expect((await upload(survey.slug, prepared.token, otherSurvey)).status).toBe(400);
    expect((await upload(survey.slug, prepared.token, 'AQ')).status).toBe(400);
    expect((await upload(survey.slug, prepared.token, 'not base64!')).status).toBe(400);
    expect((await upload(survey.slug, prepared.token, randomBytes(200).toString('base64url'))).status).toBe(400);
    expect(await countResponses(app)).toBe(before);
  });

  it('refuses uploads without a token, with an unknown one, or to another survey', async () => {
    const sealed = seal(prepared, submission());
    expect((await upload(survey.slug, null, sealed)).status).toBe(401);
    expect((await upload(survey.slug, randomBytes(32).toString('base64url'), sealed)).status).toBe(401);
    const other = await createSurvey(app);
    expect((await upload(other.slug, prepared.token, sealed)).status).toBe(401);
  });

  it('lets only admins revoke, and refuses a revoked device’s uploads on every later request', async () => {
    const device = (await researcher.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Lost tablet' }).expect(201))
      .body as PreparedOutreachDevice;
    await upload(survey.slug, device.token, seal(device, submission())).expect(201);
    await researcher.post(`/api/surveys/${survey.id}/outreach-devices/${device.device.id}/revoke`).expect(403);
    const revoked = await admin.post(`/api/surveys/${survey.id}/outreach-devices/${device.device.id}/revoke`).expect(200);
    expect(revoked.body.revoked).toBe(true);
    const before = await countResponses(app);
    const refused = await upload(survey.slug, device.token, seal(device, submission()));
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    expect(await countResponses(app)).toBe(before);
    const list = (await researcher.get(`/api/surveys/${survey.id}/outreach-devices`).expect(200)).body;
    expect(list.find((d: { id: string }) => d.id === device.device.id).revoked).toBe(true);
    await admin.post(`/api/surveys/${survey.id}/outreach-devices/00000000-0000-4000-8000-000000000000/revoke`).expect(404);
  });

  it('lets an admin choose which roles may prepare devices', async () => {
    const organizer = await staffAgent(app, 'organizer');
    await organizer.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Organizer phone' }).expect(201);
    await researcher.put('/api/outreach-devices/policy', { allowedRoles: [] }).expect(403);
    await admin.put('/api/outreach-devices/policy', { allowedRoles: ['researcher'] }).expect(200, { allowedRoles: ['researcher'] });
    const refused = await organizer.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Organizer phone' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('organizer');
    await admin.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Admin tablet' }).expect(201);
    expect((await admin.put('/api/outreach-devices/policy', { allowedRoles: ['admin'] })).status).toBe(400);
    await admin.put('/api/outreach-devices/policy', { allowedRoles: ['researcher', 'organizer'] }).expect(200);
  });

  it('prepares devices only for open surveys', async () => {
    const draft = await createSurvey(app, { status: 'draft' });
    const refused = await researcher.post(`/api/surveys/${draft.id}/outreach-devices`, { label: 'Tablet' });
    expect(refused.status).toBe(409);
    expect((await researcher.post(`/api/surveys/${survey.id}/outreach-devices`, { label: '' })).status).toBe(400);
  });

  it('keeps the survey private key wrapped: the database alone cannot open a box', async () => {
    const key = await app.db.query('SELECT wrapped_private_key FROM outreach_device_key WHERE survey_id = $1', [survey.id]);
    // 12-byte nonce, 32-byte key, 16-byte tag: not the raw 32-byte X25519 key.
    expect(key.rows[0].wrapped_private_key).toHaveLength(60);
  });
});

/**
 * The review of issue 18: "staff, any role allowed by an admin". Before the fix every
 * researcher and organizer could prepare devices until an admin narrowed the policy.
 */
describe('outreach devices: who may prepare one', () => {
  it('refuses researchers and organizers by default with a clear 403, until an admin allows their role', async () => {
    const app = await startTestApp();
    try {
      const admin = await staffAgent(app, 'admin');
      const researcher = await staffAgent(app, 'researcher');
      const organizer = await staffAgent(app, 'organizer');
      const survey = await createSurvey(app);
      const prepare = (agent: StaffAgent, label: string) => agent.post(`/api/surveys/${survey.id}/outreach-devices`, { label });
      expect((await researcher.get('/api/outreach-devices/policy').expect(200)).body).toEqual({ allowedRoles: [] });
      for (const [agent, role] of [
        [researcher, 'researcher'],
        [organizer, 'organizer'],
      ] as const) {
        const refused = await prepare(agent, `${role} tablet`);
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('FORBIDDEN');
        expect(refused.body.message).toContain(`(${role})`);
        expect(refused.body.message).toContain('Only admins');
      }
      // Nothing half-written: no device, no quota slot, no audit entry for the refusals.
      expect((await app.db.query('SELECT count(*)::int AS n FROM outreach_device')).rows[0].n).toBe(0);
      expect((await app.db.query('SELECT count(*)::int AS n FROM outreach_quota_slot')).rows[0].n).toBe(0);
      await prepare(admin, 'Admin tablet').expect(201);

      await admin.put('/api/outreach-devices/policy', { allowedRoles: ['researcher'] }).expect(200, { allowedRoles: ['researcher'] });
      await prepare(researcher, 'Researcher tablet').expect(201);
      expect((await prepare(organizer, 'Organizer phone')).status).toBe(403);
      await admin.put('/api/outreach-devices/policy', { allowedRoles: [] }).expect(200);
      expect((await prepare(researcher, 'Researcher phone')).status).toBe(403);
    } finally {
      await app.close();
    }
  });
});

describe('outreach devices across instances', () => {
  const env = { OUTREACH_CODE_SECRET: 'one outreach secret shared by both instances, 32+ chars' };
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp({ env });
    second = await startTestApp({ env, database: first.database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('stores a box sent to both instances at once exactly once, and refuses a device revoked on the other', async () => {
    const researcher = await staffAgent(first, 'researcher');
    await (await staffAgent(first, 'admin')).put('/api/outreach-devices/policy', { allowedRoles: ['researcher'] }).expect(200);
    const survey = await createSurvey(first);
    const device = (await researcher.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Tablet' }).expect(201))
      .body as PreparedOutreachDevice;
    const sealed = sealBox(
      Buffer.from(JSON.stringify({ versionId: device.survey.versionId, answers: demoAnswers(), idempotencyKey: newKey() })),
      Buffer.from(device.publicKey, 'base64url'),
      device.surveyId,
    );
    const send = (app: TestApp) =>
      app
        .http()
        .post(`/api/public/surveys/${survey.slug}/outreach-uploads`)
        .set('Content-Type', 'application/json')
        .set('Authorization', `Bearer ${device.token}`)
        .send({ sealed });
    const results = await Promise.all([first, second, first, second, first, second].map(send));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(await countResponses(first)).toBe(1);

    const admin = await staffAgent(first, 'admin');
    await admin.post(`/api/surveys/${survey.id}/outreach-devices/${device.device.id}/revoke`).expect(200);
    expect((await send(second)).status).toBe(401);
  });
});

describe('outreach devices without OUTREACH_CODE_SECRET', () => {
  it('refuses to prepare a device with a 503 that names the setting', async () => {
    const app = await startTestApp({ env: { OUTREACH_CODE_SECRET: '' } });
    try {
      const admin = await staffAgent(app, 'admin');
      const survey = await createSurvey(app);
      const refused = await admin.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Tablet' });
      expect(refused.status).toBe(503);
      expect(refused.body.message).toContain('OUTREACH_CODE_SECRET');
    } finally {
      await app.close();
    }
  });
});

/**
 * The review of issue 18. (1) Free text collected offline must reach the server already
 * sealed to the research key, so the server (its database and its secret together) never
 * holds it in clear. (2) A device token expires, has a quota, and a box is remembered: a
 * replay after the idempotency receipt is gone stores nothing twice.
 */
describe('outreach devices against a server holder and a stolen token', () => {
  const start = new Date('2026-06-10T12:00:00Z');
  const clock = new FixedClock(start);
  let app: TestApp;
  let researcher: StaffAgent;
  let survey: { id: string; slug: string };
  let keys: ResearchKeyPair;
  let device: PreparedOutreachDevice;

  const definition: SurveyDefinition = {
    pages: [
      {
        name: 'only',
        elements: [
          { type: 'radiogroup', name: 'mood', choices: ['ok', 'hard'] },
          { type: 'comment', name: 'need' },
        ],
      },
    ],
  };
  const box = (answers: Record<string, unknown>, to = device, key = newKey()) =>
    sealBox(
      Buffer.from(JSON.stringify({ versionId: to.survey.versionId, answers, idempotencyKey: key })),
      Buffer.from(to.publicKey, 'base64url'),
      to.surveyId,
    );
  const upload = (sealed: string, token = device.token) =>
    app
      .http()
      .post(`/api/public/surveys/${survey.slug}/outreach-uploads`)
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send({ sealed });
  const prepare = async (label: string) =>
    (await researcher.post(`/api/surveys/${survey.id}/outreach-devices`, { label }).expect(201)).body as PreparedOutreachDevice;

  beforeAll(async () => {
    clock.set(start);
    app = await startTestApp({ clock, env: { OUTREACH_DEVICE_QUOTA: '3', OUTREACH_DEVICE_DAYS: '14' } });
    researcher = await staffAgent(app, 'researcher');
    await (await staffAgent(app, 'admin')).put('/api/outreach-devices/policy', { allowedRoles: ['researcher'] }).expect(200);
    survey = await createSurvey(app, { status: 'draft', definition, locales: ['en'] });
    keys = (await giveResearchKey(researcher, survey.id)) as ResearchKeyPair;
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    device = await prepare('Blue tablet');
  });
  afterAll(async () => app.close());

  it('refuses free text that reaches the server in clear inside a box, and stores nothing', async () => {
    const before = await countResponses(app);
    const refused = await upload(box({ mood: 'ok', need: 'zq-plain-need' }));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('INVALID_ANSWERS');
    expect(await countResponses(app)).toBe(before);
  });

  it('stores free text sealed on the device, which only the research key opens', async () => {
    const answers = sealedAsBrowsersSend(device.survey, { mood: 'hard', need: 'zq-sealed-need' });
    await upload(box(answers)).expect(201);
    const dump = JSON.stringify((await app.db.query('SELECT answers FROM stored_response')).rows);
    expect(dump).not.toContain('zq-sealed-need');
    const stored = (await app.db.query('SELECT answers FROM stored_response')).rows.map((r) => r.answers.need as string);
    expect(stored.map((sealed) => openSealedText(sealed, keys))).toContain('zq-sealed-need');
  });

  it('stores a box once even when it is replayed after its idempotency receipt expired', async () => {
    const second = await prepare('Green phone');
    const sealed = box({ mood: 'ok' }, second);
    await upload(sealed, second.token).expect(201);
    const stored = await countResponses(app);
    // The receipt lasts days; the replay comes later, with the same box and the same token,
    // after the mixer rewrote the box ids in random order.
    await mixNow(app);
    await app.db.query('DELETE FROM submission_receipt');
    const replay = await upload(sealed, second.token);
    expect([201, 409]).toContain(replay.status);
    expect(await countResponses(app)).toBe(stored);
  });

  it('refuses a device past its quota with a clear 4xx, and stores nothing more', async () => {
    const third = await prepare('Red tablet');
    for (let i = 0; i < 3; i += 1) await upload(box({ mood: 'ok' }, third), third.token).expect(201);
    const stored = await countResponses(app);
    const refused = await upload(box({ mood: 'ok' }, third), third.token);
    expect(refused.status).toBe(403);
    expect(refused.body.details[0].code).toBe('DEVICE_QUOTA_REACHED');
    expect(await countResponses(app)).toBe(stored);
  });

  it('keeps its quota against parallel uploads: exactly the quota stored, the rest refused', async () => {
    // Before the review's fix the count was read before the write: 12 at once stored 7.
    const racing = await prepare('Racing tablet');
    const before = await countResponses(app);
    const answers = await Promise.all(Array.from({ length: 12 }, () => upload(box({ mood: 'ok' }, racing), racing.token)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = answers.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual(Array(9).fill(403));
    expect(refused.every((r) => r.body.details[0].code === 'DEVICE_QUOTA_REACHED')).toBe(true);
    expect(await countResponses(app)).toBe(before + 3);
  });

  it('stores one box sent many times at once, and spends one slot for it', async () => {
    const twin = await prepare('Twin phone');
    const before = await countResponses(app);
    const sealed = box({ mood: 'hard' }, twin);
    const answers = await Promise.all(Array.from({ length: 8 }, () => upload(sealed, twin.token)));
    expect(answers.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await countResponses(app)).toBe(before + 1);
    await upload(box({ mood: 'ok' }, twin), twin.token).expect(201);
    await upload(box({ mood: 'ok' }, twin), twin.token).expect(201);
    expect((await upload(box({ mood: 'ok' }, twin), twin.token)).status).toBe(403);
  });

  it('leaves no visible row written by an upload that names the device (a copied database, before a mix)', async () => {
    // Before the fix each box row named its device and came one transaction after its response:
    // xmin (intake + 1) and row order paired every response with a device, its label and its maker.
    const linked = await prepare('Link tablet');
    await mixNow(app);
    const since = String((await app.db.query('SELECT txid_current() % 4294967296 AS x')).rows[0].x);
    for (let i = 0; i < 2; i += 1) await upload(box({ mood: 'ok' }, linked), linked.token).expect(201);
    const intake = (await app.db.query('SELECT xmin::text AS x FROM response_intake')).rows
      .map((r) => r.x as string)
      .filter((x) => BigInt(x) > BigInt(since));
    expect(intake).toHaveLength(2);
    // Box ids are written in their response's own transaction, and say nothing else.
    const boxes = (await app.db.query('SELECT xmin::text AS x FROM outreach_box')).rows.map((r) => r.x as string);
    const newBoxes = boxes.filter((x) => BigInt(x) > BigInt(since));
    expect(newBoxes).toHaveLength(2);
    expect(newBoxes.every((x) => intake.includes(x))).toBe(true);
    const boxColumns = (
      await app.db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'outreach_box' ORDER BY column_name")
    ).rows.map((r) => r.column_name as string);
    expect(boxColumns).toEqual(['box_hash']);
    // No visible row anywhere that names the device was written by the uploads.
    const tables = (
      await app.db.query(
        "SELECT quote_ident(table_name) AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
    ).rows.map((r) => r.t as string);
    for (const table of tables) {
      const rows = (await app.db.query(`SELECT xmin::text AS x FROM ${table} t WHERE t::text LIKE $1`, [`%${linked.device.id}%`])).rows;
      const written = rows.filter((r) => BigInt(r.x as string) > BigInt(since));
      expect({ table, written }).toEqual({ table, written: [] });
    }
  });

  it('leaves no deleted quota slot in the table file after a mix (a reader of raw database files)', async () => {
    // A deleted slot keeps its device id and the deleting (response's) transaction id on disk until
    // vacuumed: the mixer rewrites the table, as it does the receipts and box ids.
    const slotted = await prepare('Slot tablet');
    await upload(box({ mood: 'ok' }, slotted), slotted.token).expect(201);
    // pageinspect reads the file itself; a server without it (an embedded build) is checked by
    // the file's identity instead: a rewrite by TRUNCATE starts a new, empty file.
    const inspectable = await app.db.query('CREATE EXTENSION IF NOT EXISTS pageinspect').then(
      () => true,
      () => false,
    );
    const fileOf = async (): Promise<string> =>
      String((await app.db.query("SELECT pg_relation_filenode('outreach_quota_slot') AS f")).rows[0].f);
    const before = await fileOf();
    const deadOnDisk = async (): Promise<number> => {
      const pages = Number(
        (await app.db.query("SELECT pg_relation_size('outreach_quota_slot') / current_setting('block_size')::int AS n")).rows[0].n,
      );
      let dead = 0;
      for (let page = 0; page < pages; page += 1) {
        const rows = (
          await app.db.query("SELECT count(*)::int AS n FROM heap_page_items(get_raw_page('outreach_quota_slot', $1)) WHERE t_xmax <> 0", [
            page,
          ])
        ).rows;
        dead += rows[0].n as number;
      }
      return dead;
    };
    if (inspectable) expect(await deadOnDisk()).toBeGreaterThan(0);
    await mixNow(app);
    if (inspectable) expect(await deadOnDisk()).toBe(0);
    expect(await fileOf()).not.toBe(before);
    // The quota still holds after the rewrite: the slots left are the same number.
    const left = Number(
      (await app.db.query('SELECT count(*)::int AS n FROM outreach_quota_slot WHERE device_id = $1', [slotted.device.id])).rows[0].n,
    );
    expect(left).toBe(2);
  });

  it('tells when a prepared device expires and refuses its uploads after that', async () => {
    const fourth = await prepare('Yellow phone');
    expect(fourth.device.expiresAt).toBe(new Date(start.getTime() + 14 * 86_400_000).toISOString());
    expect(fourth.quota).toBe(3);
    const listed = (await researcher.get(`/api/surveys/${survey.id}/outreach-devices`).expect(200)).body as OutreachDevice[];
    expect(listed.find((d) => d.id === fourth.device.id)?.expiresAt).toBe(fourth.device.expiresAt);
    clock.set(new Date(start.getTime() + 14 * 86_400_000 - 1000));
    await upload(box({ mood: 'ok' }, fourth), fourth.token).expect(201);
    clock.set(new Date(start.getTime() + 14 * 86_400_000 + 1000));
    const before = await countResponses(app);
    const refused = await upload(box({ mood: 'ok' }, fourth), fourth.token);
    expect(refused.status).toBe(401);
    expect(await countResponses(app)).toBe(before);
    clock.set(start);
  });
});

/**
 * The review of issue 18: a survey that requires outreach codes could not be collected on a
 * device (every box was refused as needing one). The device now puts the respondent's code in
 * the sealed box; the upload spends it in the transaction that stores the response, or not at all.
 */
describe('outreach devices for a survey that requires outreach codes', () => {
  let app: TestApp;
  let admin: StaffAgent;
  let survey: { id: string; slug: string };
  let device: PreparedOutreachDevice;
  let codes: string[];

  const definition: SurveyDefinition = {
    pages: [{ name: 'only', elements: [{ type: 'radiogroup', name: 'mood', choices: ['ok', 'hard'] }] }],
  };
  const box = (outreachCode: string | undefined, to = device, key = newKey()) =>
    sealBox(
      Buffer.from(JSON.stringify({ versionId: to.survey.versionId, answers: { mood: 'ok' }, idempotencyKey: key, outreachCode })),
      Buffer.from(to.publicKey, 'base64url'),
      to.surveyId,
    );
  const upload = (sealed: string, token = device.token) =>
    app
      .http()
      .post(`/api/public/surveys/${survey.slug}/outreach-uploads`)
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send({ sealed });
  const count = async (table: string) => Number((await app.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

  beforeAll(async () => {
    app = await startTestApp({ env: { OUTREACH_DEVICE_QUOTA: '3' } });
    admin = await staffAgent(app, 'admin');
    survey = await createSurvey(app, { status: 'draft', definition, locales: ['en'] });
    await admin
      .put(`/api/surveys/${survey.id}/settings`, {
        k: 11,
        minResponses: 100,
        minGroup: 40,
        timeGranularity: 'day',
        retentionDays: 365,
        crosstabs: [],
        perturbation: 'none',
        requiresOutreachCode: true,
      })
      .expect(200);
    await admin.post(`/api/surveys/${survey.id}/open`).expect(200);
    codes = [
      ...(
        (await admin.post(`/api/surveys/${survey.id}/outreach-batches`, { size: 6, label: 'Tablet cards' }).expect(201)).body as {
          codes: string[];
        }
      ).codes,
    ];
    device = (await admin.post(`/api/surveys/${survey.id}/outreach-devices`, { label: 'Card tablet' }).expect(201))
      .body as PreparedOutreachDevice;
    expect(device.survey.protection.outreachCode).toBe(true);
  });
  afterAll(async () => app.close());

  it('stores a box holding a valid code and spends the code with it; a box without one is refused and kept', async () => {
    const missing = await upload(box(undefined));
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ code: 'OUTREACH_CODE_REQUIRED' });
    expect(await countResponses(app)).toBe(0);
    expect(await count('outreach_quota_slot')).toBe(3);

    const sealed = box((codes[0] as string).toLowerCase());
    await upload(sealed).expect(201, { status: 'received' });
    expect(await countResponses(app)).toBe(1);
    expect(await count('outreach_spend')).toBe(1);
    expect(await count('outreach_quota_slot')).toBe(2);
    // The same box again (a lost answer): stored once, the code spent once.
    await upload(sealed).expect(201);
    expect(await countResponses(app)).toBe(1);
    expect(await count('outreach_spend')).toBe(1);
  });

  it('refuses a spent or unknown code with a clear 403, storing nothing and keeping the quota', async () => {
    const before = await countResponses(app);
    const spent = await upload(box(codes[0]));
    expect(spent.status).toBe(403);
    expect(spent.body.code).toBe('OUTREACH_CODE_INVALID');
    expect(spent.body.message).toMatch(/code/i);
    expect((await upload(box('ZZZZZ-ZZZZZ'))).body.code).toBe('OUTREACH_CODE_INVALID');
    expect(await countResponses(app)).toBe(before);
    expect(await count('outreach_quota_slot')).toBe(2);
  });

  it('lets one of two boxes holding the same code through when they arrive at once', async () => {
    const before = await countResponses(app);
    const results = await Promise.all([box(codes[1]), box(codes[1]), box(codes[1])].map((sealed) => upload(sealed)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 403, 403]);
    expect(await countResponses(app)).toBe(before + 1);
    expect(await count('outreach_quota_slot')).toBe(1);
  });

  it('spends no code for a box the device’s quota refuses: the code and the response commit together or not at all', async () => {
    await upload(box(codes[2])).expect(201);
    expect(await count('outreach_quota_slot')).toBe(0);
    const spends = await count('outreach_spend');
    const refused = await upload(box(codes[3]));
    expect(refused.status).toBe(403);
    expect(refused.body.details[0].code).toBe('DEVICE_QUOTA_REACHED');
    expect(await count('outreach_spend')).toBe(spends);
    // The card's code is still good: the respondent can use it from their own phone.
    await app
      .http()
      .post(`/api/public/surveys/${survey.slug}/responses`)
      .set('Content-Type', 'application/json')
      .send({ versionId: device.survey.versionId, answers: { mood: 'hard' }, idempotencyKey: newKey(), outreachCode: codes[3] })
      .expect(201);
  });
});
