import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { randomBytes } from 'node:crypto';
import {
  generateResearchKeyPair,
  openSealedText,
  sealFreeText,
  compileSurvey,
  type PublicSurvey,
  type SealedTexts,
  type FreeTextFieldSummary,
  type SurveyDefinition,
} from '@candor/shared';
import { staffAgent, type StaffAgent } from '../factories/staff';
import { fetchPublicSurvey, newKey, submit } from '../factories/surveys';
import { dumpDatabase } from '../support/database-dump';
import { mixNow } from '../support/mixing';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/** Random letters only: a run of digits in a sentinel would look like a phone number and be warned about. */
const letters = (bytes: number) =>
  randomBytes(bytes)
    .toString('hex')
    .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)] ?? 'g');

/**
 * Issue 17: free text is readable only with the research team's key. Whoever holds the database,
 * a backup or the logs finds no free-text answer sent on either path, the JavaScript one (sealed
 * in the browser) or the no-JS form (sealed by the server on receipt).
 */
const DEFINITION: SurveyDefinition = {
  pages: [
    {
      name: 'only',
      elements: [
        { type: 'radiogroup', name: 'work', title: 'Where do you work?', choices: ['street', 'indoor'], showOtherItem: true },
        { type: 'text', name: 'nickname', title: 'Anything else?', maxLength: 500 },
        { type: 'comment', name: 'story', title: 'Tell us more' },
        { type: 'multipletext', name: 'boxes', title: 'Two words', items: [{ name: 'first' }, { name: 'count', inputType: 'number' }] },
      ],
    },
  ],
};

/** The value of a hidden field in a rendered form. */
function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden field ${name}`);
  return match[1] as string;
}

describe('issue 17: free text sealed to the research key on both paths', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let surveyId: string;
  let survey: PublicSurvey;
  const slug = `sealed-${randomBytes(4).toString('hex')}`;
  const keys = generateResearchKeyPair();
  const token = letters(6);
  const sentinel = (name: string) => `${name}-sentinel-${token}`;
  const js = { other: sentinel('js-other'), nickname: sentinel('js-nickname'), story: sentinel('js-story'), box: sentinel('js-box') };
  const lean = {
    other: sentinel('nojs-other'),
    nickname: sentinel('nojs-nickname'),
    story: sentinel('nojs-story'),
    box: sentinel('nojs-box'),
  };
  const refused = sentinel('refused-plain');
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
    const created = await researcher
      .post('/api/surveys', { slug, title: 'Sealed text', source: 'json', definition: DEFINITION })
      .expect(201);
    surveyId = created.body.id as string;
    expect(created.body.hasFreeText).toBe(true);
    expect(created.body.researchPublicKey).toBeNull();
  });
  afterAll(() => testApp.close());

  it('refuses to open a survey with free text until it has a research key, with a clear reason', async () => {
    const response = await researcher.post(`/api/surveys/${surveyId}/open`).expect(409);
    expect(response.body.code).toBe('RESEARCH_KEY_REQUIRED');
    expect(response.body.message).toMatch(/research key/);
  });

  it('takes only a well-formed public key, from a researcher, while a draft', async () => {
    await researcher.put(`/api/surveys/${surveyId}/research-key`, { publicKey: 'not a key' }).expect(400);
    await organizer.put(`/api/surveys/${surveyId}/research-key`, { publicKey: keys.publicKey }).expect(403);
    const set = await researcher.put(`/api/surveys/${surveyId}/research-key`, { publicKey: keys.publicKey }).expect(200);
    expect(set.body.researchPublicKey).toBe(keys.publicKey);
    await researcher.post(`/api/surveys/${surveyId}/open`).expect(200);
    const again = await researcher
      .put(`/api/surveys/${surveyId}/research-key`, { publicKey: generateResearchKeyPair().publicKey })
      .expect(409);
    expect(again.body.code).toBe('SETTINGS_LOCKED');
    survey = await fetchPublicSurvey(testApp, slug);
    expect(survey.researchKey).toBe(keys.publicKey);
  });

  it('refuses a low-order key that would make every sealing fail (no 500 later)', async () => {
    const draft = await researcher
      .post('/api/surveys', { slug: `${slug}-low`, title: 'Low-order key', source: 'json', definition: DEFINITION })
      .expect(201);
    // u = 1 and u = 0 are low-order points: X25519 refuses them when sealing, so they must be refused here.
    for (const publicKey of ['AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const response = await researcher.put(`/api/surveys/${draft.body.id as string}/research-key`, { publicKey }).expect(400);
      expect(response.body.message).toMatch(/key/i);
    }
  });

  it('refuses a new version with free text while open when the survey has no research key', async () => {
    const plain: SurveyDefinition = {
      pages: [{ name: 'p', elements: [{ type: 'radiogroup', name: 'work', title: 'Where?', choices: ['a', 'b'] }] }],
    };
    const created = await researcher
      .post('/api/surveys', { slug: `${slug}-late`, title: 'Late text', source: 'json', definition: plain })
      .expect(201);
    const id = created.body.id as string;
    await researcher.post(`/api/surveys/${id}/open`).expect(200);
    const withText: SurveyDefinition = {
      pages: [{ name: 'p', elements: [...(plain.pages?.[0]?.elements ?? []), { type: 'comment', name: 'story', title: 'Tell us more' }] }],
    };
    const response = await researcher
      .put(`/api/surveys/${id}/definition`, { definition: withText, baseVersion: created.body.currentVersion as number })
      .expect(409);
    expect(response.body.code).toBe('RESEARCH_KEY_REQUIRED');
    const detail = await researcher.get(`/api/surveys/${id}`).expect(200);
    expect(detail.body.currentVersion).toBe(created.body.currentVersion);
  });

  it('refuses plain free text on the JavaScript path and stores nothing', async () => {
    const response = await submit(testApp, slug, { versionId: survey.versionId, answers: { nickname: refused } }).expect(400);
    expect(response.body.code).toBe('INVALID_ANSWERS');
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'nickname', code: 'NOT_SEALED' })]);
    expect(JSON.stringify(response.body)).not.toContain(refused);
  });

  it('stores text sealed in the browser, and a retry of the same ciphertext is the same submission', async () => {
    const answers = sealFreeText(
      compileSurvey(survey.definition),
      { work: 'other', 'work-Comment': js.other, nickname: js.nickname, story: js.story, boxes: { first: js.box, count: 2 } },
      keys.publicKey,
    );
    const idempotencyKey = newKey();
    await submit(testApp, slug, { versionId: survey.versionId, answers, idempotencyKey }).expect(201);
    await submit(testApp, slug, { versionId: survey.versionId, answers, idempotencyKey }).expect(201);
    const malformed = await submit(testApp, slug, { versionId: survey.versionId, answers: { story: 'ct1.AAAA' } }).expect(400);
    expect(malformed.body.details).toEqual([expect.objectContaining({ path: 'story', code: 'WRONG_TYPE' })]);
  });

  it('seals what the no-JS form sends on receipt', async () => {
    const html = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    const body = new URLSearchParams({
      state: hidden(html, 'state'),
      action: 'next',
      work: 'other',
      'work-Comment': lean.other,
      nickname: lean.nickname,
      story: lean.story,
      'boxes.first': lean.box,
      'boxes.count': '3',
    });
    const posted = await testApp
      .http()
      .post(`/f/${slug}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(body.toString())
      .expect(303);
    const page = await testApp
      .http()
      .get(posted.headers['location'] as string)
      .expect(200);
    expect(page.text).toContain('Thank you');
    // The same form sent again (a double tap) is the same submission.
    const again = await testApp.http().post(`/f/${slug}`).set('Content-Type', 'application/x-www-form-urlencoded').send(body.toString());
    expect(again.status).toBeLessThan(500);
    const rows = await testApp.db.query('SELECT count(*)::int AS n FROM stored_response');
    expect(rows.rows[0].n).toBe(2);
  });

  it('leaves no plaintext of any free-text answer in a full dump of the database, pending or mixed', async () => {
    const all = [...Object.values(js), ...Object.values(lean), refused];
    let dump = await dumpDatabase(testApp);
    expect(dump).toContain('ct1.');
    for (const text of all) expect(dump).not.toContain(text);
    await mixNow(testApp);
    dump = await dumpDatabase(testApp);
    for (const text of all) expect(dump).not.toContain(text);
  });

  it('leaves no plaintext of any free-text answer in the logs', () => {
    expect(testApp.logs.lines.length).toBeGreaterThan(0);
    for (const text of [...Object.values(js), ...Object.values(lean), refused]) expect(testApp.logs.text()).not.toContain(text);
  });

  it('gives organizers no reader', async () => {
    await organizer.get(`/api/surveys/${surveyId}/free-text`).expect(403);
    await organizer.get(`/api/surveys/${surveyId}/free-text/story`).expect(403);
  });

  it('gives researchers the sealed texts of one field, bare and shuffled, which open with the key; each reading is audited', async () => {
    // The reader shows mixed responses only: let the day end and the intake be mixed (and sign in again).
    clock.set(new Date('2026-11-22T12:00:00Z'));
    await mixNow(testApp);
    researcher = await staffAgent(testApp, 'researcher');
    const fields = (await researcher.get(`/api/surveys/${surveyId}/free-text`).expect(200)).body as FreeTextFieldSummary[];
    expect(fields.map((f) => f.key).sort()).toEqual(['boxes.first', 'nickname', 'story', 'work-Comment']);
    const read = async (key: string) => {
      const body = (await researcher.get(`/api/surveys/${surveyId}/free-text/${encodeURIComponent(key)}`).expect(200)).body as SealedTexts;
      expect(Object.keys(body).sort()).toEqual(['key', 'pending', 'texts']);
      expect(body.pending).toBe(0);
      return body.texts.map((text) => openSealedText(text, keys)).sort();
    };
    expect(await read('story')).toEqual([js.story, lean.story].sort());
    expect(await read('work-Comment')).toEqual([js.other, lean.other].sort());
    expect(await read('boxes.first')).toEqual([js.box, lean.box].sort());
    expect(await read('nickname')).toEqual([js.nickname, lean.nickname].sort());
    await researcher.get(`/api/surveys/${surveyId}/free-text/work`).expect(404);
    const audit = await testApp.db.query(`SELECT details FROM audit_event WHERE action = 'survey.free_text.read' AND target_id = $1`, [
      surveyId,
    ]);
    expect(audit.rows.map((r) => r.details.field).sort()).toEqual(['boxes.first', 'nickname', 'story', 'work-Comment']);
  });
});

describe('issue 17: the no-JS pages carry free text onward only sealed', () => {
  let testApp: TestApp;
  const keys = generateResearchKeyPair();
  const slug = `sealed-pages-${randomBytes(4).toString('hex')}`;
  const first = `first-page-sentinel-${letters(6)}`;
  const last = `last-page-sentinel-${letters(6)}`;
  const TWO_PAGES: SurveyDefinition = {
    pages: [
      { name: 'one', elements: [{ type: 'comment', name: 'story', title: 'Your story' }] },
      {
        name: 'two',
        elements: [
          { type: 'text', name: 'more', title: 'More' },
          { type: 'radiogroup', name: 'ok', choices: ['yes', 'no'], isRequired: true },
        ],
      },
    ],
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    const researcher = await staffAgent(testApp, 'researcher');
    const created = await researcher.post('/api/surveys', { slug, title: 'Two pages', source: 'json', definition: TWO_PAGES }).expect(201);
    await researcher.put(`/api/surveys/${created.body.id}/research-key`, { publicKey: keys.publicKey }).expect(200);
    await researcher.post(`/api/surveys/${created.body.id}/open`).expect(200);
  });
  afterAll(() => testApp.close());

  const decodedState = (html: string) => Buffer.from(hidden(html, 'state'), 'base64url').toString('utf8');
  const post = async (fields: Record<string, string>) => {
    const posted = await testApp
      .http()
      .post(`/f/${slug}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(new URLSearchParams(fields).toString());
    if (posted.status !== 303) return posted;
    return testApp.http().get(posted.headers['location'] as string);
  };

  it('seals a page’s free text when it is left, shows it no more, keeps it when the box is left empty, and stores it sealed', async () => {
    let html = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    expect(html).toContain(`data-research-key="${keys.publicKey}"`);
    html = (await post({ state: hidden(html, 'state'), action: 'next', story: first })).text;
    expect(html).toContain('name="more"');
    // The one-time page held in memory, and its state, carry the first page's text only sealed.
    expect(html).not.toContain(first);
    expect(decodedState(html)).not.toContain(first);
    expect(decodedState(html)).toContain('ct1.');

    // Back: the box is empty, with a note that the text is kept; sending it empty keeps the sealed text.
    html = (await post({ state: hidden(html, 'state'), action: 'back', more: last })).text;
    expect(html).toContain('id="q-story-sealed"');
    expect(html).not.toContain(first);
    expect(html).not.toContain(last);
    html = (await post({ state: hidden(html, 'state'), action: 'next', story: '' })).text;
    expect(html).not.toContain(last);
    const done = await post({ state: hidden(html, 'state'), action: 'next', more: last, ok: 'yes' });
    expect(done.text).toContain('Thank you');

    const rows = await testApp.db.query('SELECT answers FROM stored_response');
    expect(rows.rows).toHaveLength(1);
    const answers = rows.rows[0].answers as Record<string, string>;
    expect(openSealedText(answers['story'] as string, keys)).toBe(first);
    expect(openSealedText(answers['more'] as string, keys)).toBe(last);
    const dump = await dumpDatabase(testApp);
    expect(dump).not.toContain(first);
    expect(dump).not.toContain(last);
    expect(testApp.logs.text()).not.toContain(first);
  });

  it('takes free text the boot script sealed in the browser, and refuses a malformed one with a readable page', async () => {
    let html = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    const sealed = sealFreeText(compileSurvey(TWO_PAGES), { story: 'sealed by the page' }, keys.publicKey)['story'] as string;
    html = (await post({ state: hidden(html, 'state'), action: 'next', story: sealed })).text;
    expect(html).toContain('name="more"');
    expect(decodedState(html)).toContain(sealed);
    const bad = await post({
      state: hidden((await testApp.http().get(`/f/${slug}`).expect(200)).text, 'state'),
      action: 'next',
      story: 'ct1.AAAA',
    });
    expect(bad.status).toBe(400);
  });
});

describe('issue 17: every text a respondent can type is sealed, not only text and comment questions', () => {
  let testApp: TestApp;
  let researcher: StaffAgent;
  let surveyId: string;
  let survey: PublicSurvey;
  const keys = generateResearchKeyPair();
  const slug = `sealed-typed-${randomBytes(4).toString('hex')}`;
  const token = letters(6);
  const sentinel = (name: string) => `${name}-typed-${token}`;
  const js = { venue: sentinel('js-venue'), place: sentinel('js-place'), safety: sentinel('js-safety'), nick: sentinel('js-nick') };
  const lean = {
    venue: sentinel('nojs-venue'),
    place: sentinel('nojs-place'),
    safety: sentinel('nojs-safety'),
    help: sentinel('nojs-help'),
  };
  const plainCustom = sentinel('refused-custom');
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  const TYPED: SurveyDefinition = {
    pages: [
      {
        name: 'only',
        elements: [
          { type: 'dropdown', name: 'venue', choices: ['street', 'indoor'], allowCustomChoices: true },
          { type: 'tagbox', name: 'places', choices: ['bar', 'club'], allowCustomChoices: true },
          { type: 'rating', name: 'safety', showCommentArea: true },
          { type: 'checkbox', name: 'help', choices: ['clinic', 'friends'], showOtherItem: true },
          { type: 'text', name: 'nick', title: 'A word' },
          { type: 'expression', name: 'echo', expression: '{nick}' },
        ],
      },
    ],
  };

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    const created = await researcher.post('/api/surveys', { slug, title: 'Typed text', source: 'json', definition: TYPED }).expect(201);
    surveyId = created.body.id as string;
    await researcher.put(`/api/surveys/${surveyId}/research-key`, { publicKey: keys.publicKey }).expect(200);
    await researcher.post(`/api/surveys/${surveyId}/open`).expect(200);
    survey = await fetchPublicSurvey(testApp, slug);
  });
  afterAll(() => testApp.close());

  it('refuses a value of the respondent’s own sent in plain text on the JavaScript path', async () => {
    const response = await submit(testApp, slug, { versionId: survey.versionId, answers: { venue: plainCustom } }).expect(400);
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'venue', code: 'NOT_SEALED' })]);
    const computed = await submit(testApp, slug, { versionId: survey.versionId, answers: { echo: plainCustom } }).expect(400);
    expect(computed.body.details).toEqual([expect.objectContaining({ path: 'echo', code: 'NOT_SEALED' })]);
  });

  it('stores own values, comment areas and computed text sealed on both paths, with no plaintext in the dump', async () => {
    const answers = sealFreeText(
      compileSurvey(survey.definition),
      { venue: js.venue, places: ['bar', js.place], safety: 3, 'safety-Comment': js.safety, nick: js.nick, echo: js.nick },
      keys.publicKey,
    );
    expect(answers['places']).toEqual(['bar', expect.stringMatching(/^ct1\./)]);
    await submit(testApp, slug, { versionId: survey.versionId, answers }).expect(201);

    const html = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    const body = new URLSearchParams({ state: hidden(html, 'state'), action: 'next', venue: lean.venue, safety: '4' });
    body.append('places', 'club');
    body.append('places', lean.place);
    body.append('safety-Comment', lean.safety);
    body.append('help', 'other');
    body.append('help-Comment', lean.help);
    const posted = await testApp.http().post(`/f/${slug}`).set('Content-Type', 'application/x-www-form-urlencoded').send(body.toString());
    expect(posted.status).toBe(303);
    await mixNow(testApp);

    const dump = await dumpDatabase(testApp);
    for (const text of [...Object.values(js), ...Object.values(lean), plainCustom]) expect(dump).not.toContain(text);
    expect(testApp.logs.text()).not.toContain(token);
  });

  it('gives the reader the own values and computed text, which open with the key', async () => {
    clock.set(new Date('2026-11-22T12:00:00Z'));
    await mixNow(testApp);
    researcher = await staffAgent(testApp, 'researcher');
    const fields = (await researcher.get(`/api/surveys/${surveyId}/free-text`).expect(200)).body as FreeTextFieldSummary[];
    expect(fields.map((f) => f.key).sort()).toEqual(['echo', 'help-Comment', 'nick', 'places', 'safety-Comment', 'venue']);
    const read = async (key: string) => {
      const body = (await researcher.get(`/api/surveys/${surveyId}/free-text/${key}`).expect(200)).body as SealedTexts;
      return body.texts.map((text) => openSealedText(text, keys)).sort();
    };
    expect(await read('venue')).toEqual([js.venue, lean.venue].sort());
    expect(await read('places')).toEqual([js.place, lean.place].sort());
    expect(await read('echo')).toEqual([js.nick]);
  });
});

describe('issue 17: the reader cannot be diffed over time', () => {
  let testApp: TestApp;
  let surveyId: string;
  let survey: PublicSurvey;
  const clock = new FixedClock(new Date('2026-11-20T12:00:00Z'));
  const keys = generateResearchKeyPair();
  const slug = `sealed-diff-${randomBytes(4).toString('hex')}`;
  const early = `early-${letters(6)}`;
  const late = `late-${letters(6)}`;
  const STORY: SurveyDefinition = { pages: [{ name: 'p', elements: [{ type: 'comment', name: 'story', title: 'Your story' }] }] };
  const send = (text: string) =>
    submit(testApp, slug, {
      versionId: survey.versionId,
      answers: sealFreeText(compileSurvey(STORY), { story: text }, keys.publicKey),
    }).expect(201);
  const read = async () => {
    // A fresh sign-in each time: days pass between readings.
    const researcher = await staffAgent(testApp, 'researcher');
    const body = (await researcher.get(`/api/surveys/${surveyId}/free-text/story`).expect(200)).body as SealedTexts;
    return { texts: body.texts.map((text) => openSealedText(text, keys)).sort(), pending: body.pending };
  };

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    const researcher = await staffAgent(testApp, 'researcher');
    const created = await researcher.post('/api/surveys', { slug, title: 'Diff', source: 'json', definition: STORY }).expect(201);
    surveyId = created.body.id as string;
    await researcher.put(`/api/surveys/${surveyId}/research-key`, { publicKey: keys.publicKey }).expect(200);
    await researcher.post(`/api/surveys/${surveyId}/open`).expect(200);
    survey = await fetchPublicSurvey(testApp, slug);
  });
  afterAll(() => testApp.close());

  it('shows only mixed responses, and says how many wait for the next mix', async () => {
    await send(early);
    await mixNow(testApp);
    expect(await read()).toEqual({ texts: [], pending: 1 });

    clock.set(new Date('2026-11-22T12:00:00Z'));
    await mixNow(testApp);
    await send(late);
    // The text sent after the mix is not shown beside the earlier one: reading before and after it differs in nothing.
    expect(await read()).toEqual({ texts: [early], pending: 1 });

    clock.set(new Date('2026-11-24T12:00:00Z'));
    await mixNow(testApp);
    expect(await read()).toEqual({ texts: [early, late].sort(), pending: 0 });
  });
});

describe('issue 17: the light page whose cipher did not load still sends its answers', () => {
  let testApp: TestApp;
  const keys = generateResearchKeyPair();
  const slug = `sealed-light-${randomBytes(4).toString('hex')}`;
  const typed = `typed-on-light-page-${letters(6)}`;
  const ONE_PAGE: SurveyDefinition = { pages: [{ name: 'p', elements: [{ type: 'comment', name: 'story', title: 'Your story' }] }] };

  beforeAll(async () => {
    testApp = await startTestApp({ env: { POW_DIFFICULTY: '1000', NOJS_MIN_SECONDS: '3600' } });
    const researcher = await staffAgent(testApp, 'researcher');
    const created = await researcher.post('/api/surveys', { slug, title: 'Light', source: 'json', definition: ONE_PAGE }).expect(201);
    await researcher.put(`/api/surveys/${created.body.id}/research-key`, { publicKey: keys.publicKey }).expect(200);
    await researcher.post(`/api/surveys/${created.body.id}/open`).expect(200);
  });
  afterAll(() => testApp.close());

  it('takes plain text with a solved proof of work (the script solved it, the cipher never came) and seals it on receipt', async () => {
    const challenge = (await testApp.http().get(`/api/public/surveys/${slug}/challenge`).expect(200)).body as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error('could not solve the challenge');
    const proofOfWork = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    const html = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    const fields = { state: hidden(html, 'state'), action: 'next', story: typed, proofOfWork };
    const send = async () => {
      const posted = await testApp
        .http()
        .post(`/f/${slug}`)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams(fields).toString());
      return posted.status === 303 ? (await testApp.http().get(posted.headers['location'] as string)).text : posted.text;
    };
    // Before the fix this was refused with NOT_SEALED however often it was sent.
    const first = await send();
    expect(first).toContain('Thank you');
    // A double tap: the same form again is the same submission.
    expect(await send()).toContain('Thank you');
    const rows = await testApp.db.query('SELECT answers FROM stored_response');
    expect(rows.rows).toHaveLength(1);
    expect(openSealedText(rows.rows[0].answers.story as string, keys)).toBe(typed);
    expect(await dumpDatabase(testApp)).not.toContain(typed);
  });
});
