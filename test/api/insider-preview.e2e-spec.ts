import { buildCatalogue, DEMO_SURVEY_DEFINITION, type SurveyDetail } from '@candor/shared';
import { seededRandom } from '@candor/shared/testing';
import { AggregationRepository, IntakeMixer } from '@candor/api-testing';
import { insertResponses } from '../factories/responses';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 9 point 1, written as the insider would attack: an organizer previews, waits for
 * one more response, previews again and subtracts. Staff are readers too (P4).
 */
const K = 5;
/** Numbers computed from published counts: compared only in the two-preview attack, where nothing may move at all. */
const DERIVED = /(\.percent|\.ci\[\d\]|\.statistics\.|^audit\.)/;

/** Every number in a JSON body, by path (array items by position). */
function numbersOf(value: unknown, path = '', out = new Map<string, number>()): Map<string, number> {
  if (typeof value === 'number') out.set(path, value);
  else if (Array.isArray(value)) value.forEach((item, i) => numbersOf(item, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) numbersOf(inner, path ? `${path}.${key}` : key, out);
  return out;
}

/** The numbers that moved by 1 … k − 1 between two bodies: what an attacker learns about the few people in between. */
function smallMoves(before: unknown, after: unknown, k: number, ignore = /^$/): string[] {
  const a = numbersOf(before);
  const moved: string[] = [];
  for (const [path, value] of numbersOf(after)) {
    const previous = a.get(path);
    if (previous === undefined || ignore.test(path)) continue;
    const change = Math.abs(value - previous);
    if (change > 0 && change < k) moved.push(`${path}: ${previous} → ${value}`);
  }
  return moved;
}

function demoAnswers(count: number, seed: number): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, () => {
    const violent = pick(['yes', 'no', 'no', 'refused']);
    return {
      adult: 'yes',
      screened_clients__before: pick(['yes', 'yes', 'no', 'refused']),
      screened_clients__after: pick(['yes', 'no', 'no', 'refused']),
      safety_tools: pick([['buddy'], ['buddy', 'references'], ['bad_date_list', 'deposit'], ['none'], ['refused']]),
      violent_incident: violent,
      ...(violent === 'yes' ? { incident_reported: pick(['peers', 'nobody', 'service']) } : {}),
    };
  });
}

/** One respondent whose answers an insider wants: the rarest combination. */
const TARGET = {
  adult: 'yes',
  screened_clients__before: 'no',
  screened_clients__after: 'yes',
  safety_tools: ['deposit'],
  violent_incident: 'yes',
  incident_reported: 'police',
};

describe('previews and live counts are no oracle for staff (P4)', () => {
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let counter = 0;

  const openDemoSurvey = async (): Promise<SurveyDetail> => {
    const created = (
      await researcher
        .post('/api/surveys', { slug: `insider-${++counter}`, title: 'Insider', source: 'json', definition: DEMO_SURVEY_DEFINITION })
        .expect(201)
    ).body as SurveyDetail;
    await researcher
      .put(`/api/surveys/${created.id}/settings`, {
        k: K,
        minResponses: 40,
        minGroup: 10,
        timeGranularity: 'day',
        retentionDays: 365,
        crosstabs: [],
        perturbation: 'none',
      })
      .expect(200);
    await giveResearchKey(researcher, created.id);
    return (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body;
  };
  const preview = async (survey: SurveyDetail) => (await organizer.post(`/api/surveys/${survey.id}/publications/preview`).expect(200)).body;
  /** Everything staff can read about the survey's progress, in one body. */
  const staffView = async (survey: SurveyDetail) => ({
    list: (await organizer.get('/api/surveys').expect(200)).body.find((s: SurveyDetail) => s.id === survey.id).responseCount,
    detail: (await researcher.get(`/api/surveys/${survey.id}`).expect(200)).body.responseCount,
    versions: (await researcher.get(`/api/surveys/${survey.id}/versions`).expect(200)).body.map(
      (v: { responseCount: unknown }) => v.responseCount,
    ),
  });

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  it('the two-preview attack: no number moves by 1 … k − 1, and a held preview says why without numbers', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(80, 11));
    const first = await preview(survey);
    expect(first.canPublish).toBe(true);
    expect(first.snapshot.responses).toBe(80);
    const countsBefore = await staffView(survey);

    await insertResponses(testApp, survey.id, [TARGET]);
    const countsAfter = await staffView(survey);
    expect(smallMoves(countsBefore, countsAfter, K)).toEqual([]);
    const second = await preview(survey);
    expect(smallMoves(first, second, K)).toEqual([]);
    expect(second).toMatchObject({ canPublish: false, snapshot: null, held: [], suppressions: [], audit: null });
    expect(second.blocks.map((b: { code: string }) => b.code)).toEqual(['HELD_BY_TIME_RULE']);
    expect(second.blocks[0].message).toMatch(/time rule/);
    expect([...numbersOf(second).keys()].filter((path) => path !== 'comparedWith')).toEqual([]);
    // The reason is words and settings only: no count computed from the answers.
    expect(second.blocks[0].message.match(/\d+/g)).toEqual([String(K)]);
    await organizer.post(`/api/surveys/${survey.id}/publications`).expect(409);
  });

  it('keeps every shown preview k apart from every earlier one while responses trickle in one by one', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(60, 12));
    const shown = [await preview(survey)];
    expect(shown[0].canPublish).toBe(true);
    const trickle = demoAnswers(3 * K, 13);
    const views = [await staffView(survey)];
    for (const answers of trickle) {
      await insertResponses(testApp, survey.id, [answers]);
      const body = await preview(survey);
      views.push(await staffView(survey));
      if (body.snapshot) shown.push(body);
      else expect([...numbersOf(body).keys()].filter((path) => path !== 'comparedWith')).toEqual([]);
    }
    // Every count is compared. Percentages and intervals shift by fractions whenever counts
    // move by k or more (they are functions of those counts); statistics have their own gate
    // (D7); audit.* counts linear programs, not people.
    expect(shown.length).toBeGreaterThan(0);
    for (let i = 1; i < shown.length; i++) {
      for (let j = 0; j < i; j++) expect(smallMoves(shown[j], shown[i], K, DERIVED)).toEqual([]);
    }
    for (let i = 1; i < views.length; i++) for (let j = 0; j < i; j++) expect(smallMoves(views[j], views[i], K)).toEqual([]);
  });

  it('shows staff a coarse live count: a multiple of k, and "at least the floor" once reached', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(23, 14));
    expect((await staffView(survey)).detail).toEqual({ atLeast: 20, step: K, floorReached: false });
    await insertResponses(testApp, survey.id, demoAnswers(19, 15));
    expect((await staffView(survey)).list).toEqual({ atLeast: 40, step: K, floorReached: true });
    expect((await staffView(survey)).versions).toEqual([{ atLeast: 40, step: K, floorReached: true }]);
  });

  it('moves the per-version counts only when the total moves: two roundings cannot time one respondent', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(K - 1, 25)); // version 1 ends with k − 1
    const edited = structuredClone(survey.definition) as unknown as { title?: string };
    edited.title = 'Insider, second version';
    expect(
      (await researcher.put(`/api/surveys/${survey.id}/definition`, { definition: edited, baseVersion: survey.currentVersion }).expect(200))
        .body.newVersion,
    ).toBe(true);
    const views = [JSON.stringify(await staffView(survey))];
    for (const answers of demoAnswers(3 * K, 26)) {
      await insertResponses(testApp, survey.id, [answers]);
      views.push(JSON.stringify(await staffView(survey)));
    }
    // The responses after which anything staff can read changed: at least k apart.
    const changes = views.flatMap((view, i) => (i > 0 && view !== views[i - 1] ? [i] : []));
    expect(changes.length).toBeGreaterThan(0);
    for (let i = 1; i < changes.length; i++) expect((changes[i] as number) - (changes[i - 1] as number)).toBeGreaterThanOrEqual(K);
  });

  it('lets an unchanged survey be previewed again and again, recording what staff saw once', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(70, 16));
    const first = await preview(survey);
    const counting = jest.spyOn(testApp.app.get(AggregationRepository), 'countJoints');
    const again = await preview(survey);
    expect(again).toEqual(first);
    // Cheap: nothing changed, so nothing is counted or audited again.
    expect(counting).not.toHaveBeenCalled();
    counting.mockRestore();
    const ledger = await testApp.db.query('SELECT count(*)::int AS n FROM staff_release WHERE survey_id = $1', [survey.id]);
    expect(ledger.rows[0].n).toBe(1);
    await expect(testApp.db.query('DELETE FROM staff_release WHERE survey_id = $1', [survey.id])).rejects.toThrow(/append-only/);
    // A publication of what was previewed moved nothing: it goes out.
    await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201);
  });

  it('previews again once responses wait in the intake: the preview shows what would be published now', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(70, 19));
    expect((await preview(survey)).snapshot.responses).toBe(70);
    // Acknowledged submissions wait in response_intake until the mixer moves them (after their period).
    const version = await testApp.db.query('SELECT id FROM survey_version WHERE survey_id = $1 ORDER BY number DESC LIMIT 1', [survey.id]);
    // 2k alike: every count moves by 0 or 2k, so the time rule lets the new release out.
    for (const answers of Array.from({ length: 2 * K }, () => demoAnswers(1, 20)[0])) {
      await testApp.db.query(
        "INSERT INTO response_intake (id, survey_version_id, period, answers) VALUES (gen_random_uuid(), $1, '2026-11-20', $2::jsonb)",
        [version.rows[0].id, JSON.stringify(answers)],
      );
    }
    const now = await preview(survey);
    const published = (await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201)).body;
    expect(published.preview.snapshot.responses).toBe(70 + 2 * K);
    expect(now.snapshot?.responses ?? null).toBe(70 + 2 * K);
  });

  it('publishes every response even when the mixer runs while the release is being computed', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(70, 23));
    const version = await testApp.db.query('SELECT id FROM survey_version WHERE survey_id = $1 ORDER BY number DESC LIMIT 1', [survey.id]);
    for (const answers of Array.from({ length: 2 * K }, () => demoAnswers(1, 24)[0])) {
      await testApp.db.query(
        "INSERT INTO response_intake (id, survey_version_id, period, answers) VALUES (gen_random_uuid(), $1, '2026-11-20', $2::jsonb)",
        [version.rows[0].id, JSON.stringify(answers)],
      );
    }
    const waiting = async (table: string) => {
      while (
        (await testApp.db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass`, [table])).rows[0]
          .n === 0
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // Hold the publication after its snapshot is taken and before it counts; let a mixer run meanwhile.
    const holder = await testApp.db.connect();
    let publishing: Promise<{ status: number; body: { preview: { snapshot: { responses: number } } } }> | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE release_ledger_entry IN ACCESS EXCLUSIVE MODE');
      publishing = Promise.resolve(organizer.post(`/api/surveys/${survey.id}/publications`));
      await waiting('release_ledger_entry');
      await Promise.race([testApp.app.get(IntakeMixer).mix(), waiting('response_intake')]);
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    const published = await publishing;
    expect(published?.status).toBe(201);
    expect(published?.body.preview.snapshot.responses).toBe(70 + 2 * K);
  });

  it('holds a publication that differs by less than k from a preview staff were shown but nobody published', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(70, 17));
    expect((await preview(survey)).canPublish).toBe(true);
    await insertResponses(testApp, survey.id, [TARGET]);
    const refused = await organizer.post(`/api/surveys/${survey.id}/publications`);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).not.toMatch(/"current"|"previous"/);
    expect(refused.body.details.map((d: { code: string }) => d.code)).toEqual(['HELD_BY_TIME_RULE']);
  });

  it('publishes after a preview nobody published: the two ledgers are read in the order they were shown', async () => {
    // Every answer five times: every count moves by a multiple of K, so the time rule holds nothing.
    const fives = (count: number, seed: number) => demoAnswers(count, seed).flatMap((answers) => Array.from({ length: K }, () => answers));
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, fives(12, 31));
    expect((await preview(survey)).canPublish).toBe(true); // staff ledger number 1, 60 responses
    await insertResponses(testApp, survey.id, fives(8, 32));
    expect((await preview(survey)).canPublish).toBe(true);
    await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201); // release ledger number 1, 100 responses
    await insertResponses(testApp, survey.id, fives(8, 33));
    const next = await preview(survey);
    expect(next.blocks).toEqual([]);
    expect(next.canPublish).toBe(true);
    await organizer.post(`/api/surveys/${survey.id}/publications`).expect(201);
  });

  it('serialises previews so two at once cannot both be shown without the time rule between them', async () => {
    const survey = await openDemoSurvey();
    await insertResponses(testApp, survey.id, demoAnswers(70, 18));
    const firstRound = preview(survey);
    await insertResponses(testApp, survey.id, [TARGET]);
    const results = await Promise.all([firstRound, preview(survey), preview(survey)]);
    const shown = results.filter((r) => r.snapshot);
    for (let i = 1; i < shown.length; i++) for (let j = 0; j < i; j++) expect(smallMoves(shown[j], shown[i], K, DERIVED)).toEqual([]);
  });
});

describe('the catalogue is fixed when fielding opens (D1)', () => {
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  });
  afterAll(() => testApp.close());

  it('counts and publishes the tables of the version that opened fielding, whatever later versions change', async () => {
    const created = (
      await researcher
        .post('/api/surveys', { slug: 'fixed-catalogue', title: 'Fixed', source: 'json', definition: DEMO_SURVEY_DEFINITION })
        .expect(201)
    ).body as SurveyDetail;
    await researcher
      .put(`/api/surveys/${created.id}/settings`, {
        k: K,
        minResponses: 40,
        minGroup: 10,
        timeGranularity: 'day',
        retentionDays: 365,
        crosstabs: [],
        perturbation: 'none',
      })
      .expect(200);
    await giveResearchKey(researcher, created.id);
    const opened = (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body as SurveyDetail;
    await insertResponses(testApp, opened.id, demoAnswers(60, 21));

    // A later version drops a choice and adds a question; fielding goes on with it, and reopens.
    const edited = structuredClone(opened.definition) as unknown as { pages: { elements: Record<string, unknown>[] }[] };
    const safety = edited.pages.find((p) => p.elements.some((e) => e['name'] === 'incident_reported'));
    const reported = safety?.elements.find((e) => e['name'] === 'incident_reported') as { choices: { value: string }[] };
    reported.choices = reported.choices.filter((c) => c.value !== 'police');
    safety?.elements.push({ type: 'radiogroup', name: 'added_later', choices: ['a', 'b'] });
    const saved = (
      await researcher.put(`/api/surveys/${opened.id}/definition`, { definition: edited, baseVersion: opened.currentVersion }).expect(200)
    ).body;
    expect(saved.newVersion).toBe(true);
    await researcher.post(`/api/surveys/${opened.id}/close`).expect(200);
    await giveResearchKey(researcher, opened.id);
    await researcher.post(`/api/surveys/${opened.id}/open`).expect(200);
    await insertResponses(
      testApp,
      opened.id,
      demoAnswers(60, 22).map((a, i) => ({ ...a, added_later: i % 2 ? 'a' : 'b' })),
    );

    const result = (await organizer.post(`/api/surveys/${opened.id}/publications/preview`).expect(200)).body;
    expect(result.canPublish).toBe(true);
    const questions = result.snapshot.tables.map((t: { question: string }) => t.question);
    expect(questions).not.toContain('added_later');
    expect(questions).toEqual(['adult', 'safety_tools', 'violent_incident', 'incident_reported']);
    const incident = result.snapshot.tables.find((t: { question: string }) => t.question === 'incident_reported');
    expect(incident.categories.map((c: { value: string }) => c.value)).toContain('police');
    expect(result.warnings.join(' ')).toMatch(/version 1, which opened fielding/);
    const { publication } = (await organizer.post(`/api/surveys/${opened.id}/publications`).expect(201)).body;
    const stored = await testApp.db.query('SELECT snapshot FROM publication WHERE id = $1', [publication.id]);
    expect(stored.rows[0].snapshot.tables.map((t: { question: string }) => t.question)).toEqual(questions);
  });

  it('audits the release after a version that removes a choice against the one before it exactly: earlier answers to the choice stay counted', async () => {
    const created = (
      await researcher
        .post('/api/surveys', { slug: 'removed-choice', title: 'Removed', source: 'json', definition: DEMO_SURVEY_DEFINITION })
        .expect(201)
    ).body as SurveyDetail;
    await researcher
      .put(`/api/surveys/${created.id}/settings`, {
        k: K,
        minResponses: 40,
        minGroup: 10,
        timeGranularity: 'day',
        retentionDays: 365,
        crosstabs: [],
        perturbation: 'none',
      })
      .expect(200);
    const opened = (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body as SurveyDetail;
    const police = { ...TARGET, screened_clients__before: 'yes', screened_clients__after: 'yes', safety_tools: ['buddy'] };
    await insertResponses(testApp, opened.id, [...demoAnswers(70, 41), ...Array.from({ length: 12 }, () => police)]);
    const first = (await organizer.post(`/api/surveys/${opened.id}/publications/preview`).expect(200)).body;
    expect(first.canPublish).toBe(true);
    const one = (await organizer.post(`/api/surveys/${opened.id}/publications`).expect(201)).body;
    const policeOf = (snapshot: { tables: { question: string; rows: { cells: { category: string; count: number | null }[] }[] }[] }) =>
      snapshot.tables.find((t) => t.question === 'incident_reported')?.rows[0]?.cells.find((c) => c.category === 'police')?.count;
    expect([12, null]).toContain(policeOf(one.preview.snapshot));

    // Version 2 drops "police" and adds "hotline": its respondents cannot report to the police.
    const edited = structuredClone(opened.definition) as unknown as { pages: { elements: Record<string, unknown>[] }[] };
    const reported = edited.pages.flatMap((p) => p.elements).find((e) => e['name'] === 'incident_reported') as { choices: unknown[] };
    reported.choices = [
      ...reported.choices.filter((c) => (typeof c === 'object' && c !== null ? (c as { value: unknown }).value : c) !== 'police'),
      'hotline',
    ];
    expect(
      (await researcher.put(`/api/surveys/${opened.id}/definition`, { definition: edited, baseVersion: opened.currentVersion }).expect(200))
        .body.newVersion,
    ).toBe(true);
    await researcher.post(`/api/surveys/${opened.id}/close`).expect(200);
    await researcher.post(`/api/surveys/${opened.id}/open`).expect(200);
    const hotline = { ...police, incident_reported: 'hotline' };
    await insertResponses(testApp, opened.id, [...demoAnswers(70, 42), ...Array.from({ length: 6 }, () => hotline)]);

    // What SQL counts: the 12 earlier answers are still "police"; "hotline" is not a choice of version 1.
    const catalogue = buildCatalogue(opened.definition, { crosstabs: [] });
    const counted = await testApp.app.get(AggregationRepository).countJoints(opened.id, catalogue);
    expect(counted.counts.get('incident_reported')?.get('police')?.count).toBe(12);
    expect(counted.unknownAnswers).toBe(6);
    // The history is consistent: no refusal for a ledger that disagrees, no weaker comparison.
    const second = (await organizer.post(`/api/surveys/${opened.id}/publications/preview`).expect(200)).body;
    expect(second.blocks.map((b: { code: string }) => b.code)).not.toContain('AUDIT_FAILED');
    expect(second.warnings.join(' ')).not.toMatch(/only grow/);
    if (second.canPublish && policeOf(one.preview.snapshot) !== null) expect([12, null]).toContain(policeOf(second.snapshot));
  });
});
