import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { DEMO_SURVEY_SLUG } from '@candor/shared';
import { staffAgent, giveResearchKey } from '../factories/staff';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/** The value of a hidden field in a rendered form. */
function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in:\n${html}`);
  return match[1] as string;
}

const storedAnswers = async (testApp: TestApp) =>
  (
    await testApp.db.query(
      `SELECT r.answers FROM stored_response r JOIN survey_version v ON v.id = r.survey_version_id JOIN survey s ON s.id = v.survey_id WHERE s.slug = $1`,
      [DEMO_SURVEY_SLUG],
    )
  ).rows.map((r) => r.answers);

describe('the survey without JavaScript (/f/:slug)', () => {
  const clock = new FixedClock(new Date());
  let testApp: TestApp;

  beforeAll(async () => {
    // Proof of work on, as in production: the form's ticket stands in for it.
    testApp = await startTestApp({ clock, env: { POW_DIFFICULTY: '1000', NOJS_MIN_SECONDS: '20' } });
  });
  afterAll(() => testApp.close());

  const send = (fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return testApp.http().post(`/f/${DEMO_SURVEY_SLUG}`).set('Content-Type', 'application/x-www-form-urlencoded').send(body.toString());
  };
  /** A page sent as a browser does: the POST, then the one-time GET it redirects to (POST-redirect-GET). */
  const post = (fields: Record<string, string | string[]>) => ({
    async expect(status: number) {
      const posted = await send(fields).expect(303);
      return testApp
        .http()
        .get(posted.headers['location'] as string)
        .expect(status);
    },
    then<T>(resolve: (response: Awaited<ReturnType<typeof send>>) => T, reject?: (error: unknown) => unknown) {
      return send(fields)
        .then((posted) => (posted.status === 303 ? testApp.http().get(posted.headers['location'] as string) : posted))
        .then(resolve, reject);
    },
  });

  it('serves the first page as a plain form with the privacy notice before the first question, no scripts and no trace', async () => {
    const response = await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['set-cookie']).toBeUndefined();
    const html = response.text;
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(html.indexOf('Before you start: your privacy')).toBeGreaterThan(0);
    expect(html.indexOf('Before you start: your privacy')).toBeLessThan(html.indexOf('name="adult"'));
    expect(html).toContain('deleted 365 days after the survey closes');
    expect(html).toContain('href="/api/public/exit"');
    expect(html).toContain('<title>Survey</title>');
    expect(html).toMatch(/<form method="post" action="\/f\/demo" accept-charset="utf-8" autocomplete="off" id="survey-form"[ >]/);
  });

  it('speaks Spanish when asked', async () => {
    const html = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}?lang=es`).expect(200)).text;
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Antes de empezar: tu privacidad');
    expect(html).toContain('Salida rápida');
  });

  it('walks the survey a page at a time with skip logic evaluated on the server, and stores the same answers the JSON API would', async () => {
    const started = clock.now();
    let html = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;

    // Page 1: the required question left empty is refused, with the reason beside it.
    let response = await post({ state: hidden(html, 'state'), action: 'next' }).expect(400);
    expect(response.text).toContain('Please answer this question.');
    expect(response.text).toContain('aria-describedby="q-adult-error"');

    response = await post({ state: hidden(response.text, 'state'), action: 'next', adult: 'yes' }).expect(200);
    html = response.text;
    expect(html).toContain('name="screened_clients__before"');
    expect(html).toContain('Back');

    // Page 2 → page 3.
    html = (
      await post({
        state: hidden(html, 'state'),
        action: 'next',
        screened_clients__before: 'yes',
        screened_clients__after: 'no',
        safety_tools: ['buddy', 'references'],
      }).expect(200)
    ).text;
    expect(html).toContain('name="violent_incident"');
    // The follow-up is hidden until its condition holds…
    expect(html).not.toContain('name="incident_reported"');
    // …and shown on the same page once it does, before moving on.
    html = (await post({ state: hidden(html, 'state'), action: 'next', violent_incident: 'yes' }).expect(200)).text;
    expect(html).toContain('name="incident_reported"');
    expect(html).toContain('value="yes" checked');

    // Too fast for a person: the ticket holds the answers back and says how long to wait.
    html = (await post({ state: hidden(html, 'state'), action: 'next', violent_incident: 'yes', incident_reported: 'peers' }).expect(200))
      .text;
    expect(html).toMatch(/You can send them in \d+ seconds/);
    expect(await storedAnswers(testApp)).toEqual([]);

    clock.set(new Date(started.getTime() + 25_000));
    response = await post({ state: hidden(html, 'state'), action: 'next', violent_incident: 'yes', incident_reported: 'peers' }).expect(
      200,
    );
    expect(response.text).toContain('Thank you');
    expect(response.headers['clear-site-data']).toBe('"cache", "cookies"');
    expect(await storedAnswers(testApp)).toEqual([
      {
        adult: 'yes',
        screened_clients__before: 'yes',
        screened_clients__after: 'no',
        safety_tools: ['buddy', 'references'],
        violent_incident: 'yes',
        incident_reported: 'peers',
      },
    ]);

    // Sending the last page again (the back button, a double tap) stores nothing twice.
    const replay = await post({ state: hidden(html, 'state'), action: 'next', violent_incident: 'yes', incident_reported: 'peers' });
    expect(replay.status).toBeLessThan(500);
    expect(await storedAnswers(testApp)).toHaveLength(1);
  });

  it('drops answers to questions that skip logic hides after going back', async () => {
    await testApp.db.query('DELETE FROM response; DELETE FROM response_intake');
    const started = clock.now();
    let html = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    html = (await post({ state: hidden(html, 'state'), action: 'next', adult: 'yes' }).expect(200)).text;
    html = (await post({ state: hidden(html, 'state'), action: 'back', screened_clients__before: 'yes' }).expect(200)).text;
    expect(html).toContain('name="adult"');
    clock.set(new Date(started.getTime() + 60_000));
    // Not an adult after all: the screening answers must not be stored, and the survey ends here.
    // The button said "Next": first it is told this is the end for them, and the button now says "Send answers".
    const told = (await post({ state: hidden(html, 'state'), action: 'next', adult: 'no' }).expect(200)).text;
    expect(told).toContain('There are no more questions for you');
    expect(await storedAnswers(testApp)).toEqual([]);
    const done = await post({ state: hidden(told, 'state'), action: 'next', adult: 'no' }).expect(200);
    expect(done.text).toContain('Thank you');
    expect(await storedAnswers(testApp)).toEqual([{ adult: 'no' }]);
  });

  it('with JavaScript, a solved proof of work stands in for the wait: verified, kept across pages, spent once', async () => {
    await testApp.db.query('DELETE FROM response; DELETE FROM response_intake');
    const challenge = (await testApp.http().get(`/api/public/surveys/${DEMO_SURVEY_SLUG}/challenge`).expect(200)).body as Challenge;
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error('could not solve the challenge');
    const proofOfWork = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
    const journey = async (proof: string | undefined) => {
      let html = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
      // The form asks the boot script for a proof while the respondent answers.
      expect(html).toContain(`data-challenge="/api/public/surveys/${DEMO_SURVEY_SLUG}/challenge"`);
      html = (
        await post({
          state: hidden(html, 'state'),
          action: 'next',
          adult: 'yes',
          ...(proof !== undefined ? { proofOfWork: proof } : {}),
        }).expect(200)
      ).text;
      if (proof !== undefined && proof === proofOfWork) expect(html).not.toContain('data-challenge=');
      html = (
        await post({
          state: hidden(html, 'state'),
          action: 'next',
          screened_clients__before: 'yes',
          screened_clients__after: 'no',
          safety_tools: ['buddy'],
        }).expect(200)
      ).text;
      return (await post({ state: hidden(html, 'state'), action: 'next', violent_incident: 'no' }).expect(200)).text;
    };
    // At once (the clock has not moved): no wait, stored.
    expect(await journey(proofOfWork)).toContain('Thank you');
    expect(await storedAnswers(testApp)).toHaveLength(1);
    // The same proof on a second form is spent: that form falls back to the ticket's wait.
    expect(await journey(proofOfWork)).toMatch(/You can send them in \d+ seconds/);
    // A forged or malformed proof is no proof either.
    const forged = Buffer.from(
      JSON.stringify({
        challenge: { ...challenge, parameters: { ...challenge.parameters, data: { survey: DEMO_SURVEY_SLUG } } },
        solution: { counter: 1, derivedKey: '00' },
      }),
    ).toString('base64');
    expect(await journey(forged)).toMatch(/You can send them in \d+ seconds/);
    expect(await journey('x'.repeat(5000))).toMatch(/You can send them in \d+ seconds/);
    expect(await storedAnswers(testApp)).toHaveLength(1);
  });

  it.each([
    ['a forged state', { state: 'not-base64-json', action: 'next', adult: 'yes' }],
    ['prototype keys', { state: '', action: 'next', __proto__: 'x', constructor: 'y', adult: 'yes' }],
    ['an unknown choice', { state: '', action: 'next', adult: '<script>alert(1)</script>' }],
  ])('answers %s with a page, never a 5xx, and stores nothing', async (_label, fields) => {
    await testApp.db.query('DELETE FROM response; DELETE FROM response_intake');
    const first = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    const response = await post({ ...fields, state: fields.state === '' ? hidden(first, 'state') : fields.state });
    expect(response.status).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(await storedAnswers(testApp)).toEqual([]);
  });

  it('refuses JSON bodies and oversized forms with a readable page', async () => {
    const json = await testApp.http().post(`/f/${DEMO_SURVEY_SLUG}`).set('Content-Type', 'application/json').send('{"adult":"yes"}');
    expect(json.status).toBe(415);
    expect(json.headers['content-type']).toMatch(/^text\/html/);
    const huge = await testApp
      .http()
      .post(`/f/${DEMO_SURVEY_SLUG}`)
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`state=${'a'.repeat(70_000)}`);
    expect(huge.status).toBe(413);
    expect(huge.headers['content-type']).toMatch(/^text\/html/);
    await testApp.http().get('/api/health').expect(200);
  });

  it('serves "staying safe online" in both languages, honest about history', async () => {
    const en = (await testApp.http().get('/f/safety').expect(200)).text;
    expect(en).toContain('does not erase your browser history');
    const es = (await testApp.http().get('/f/safety?lang=es').expect(200)).text;
    expect(es).toContain('No borra el historial del navegador');
  });

  it('shows friendly pages for unknown and closed surveys', async () => {
    const missing = await testApp.http().get('/f/no-such-survey').expect(404);
    expect(missing.text).toContain('Survey not found');
  });
});

describe('one-time pages under a flood of big forms from one address', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
    const researcher = await staffAgent(testApp, 'researcher');
    const definition = {
      pages: [{ elements: [{ type: 'comment', name: 'story', maxLength: 100 }] }, { elements: [{ type: 'text', name: 'more' }] }],
    };
    const created = await researcher.post('/api/surveys', { slug: 'flooded', title: 'Flooded', source: 'json', definition }).expect(201);
    await giveResearchKey(researcher, created.body.id);
    await researcher.post(`/api/surveys/${created.body.id}/open`).expect(200);
  });
  afterAll(() => testApp.close());

  it('answers the flooding client directly once its share is used, never with a 5xx', async () => {
    const state = hidden((await testApp.http().get('/f/flooded').expect(200)).text, 'state');
    // ~60 KB of quotes: the page that echoes them (escaped, and in the state) is ~300 KB.
    const body = `state=${state}&action=next&story=${'%22'.repeat(20000)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await testApp.http().post('/f/flooded').set('Content-Type', 'application/x-www-form-urlencoded').send(body)).status);
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(303));
    expect(statuses.slice(-5)).toEqual(Array(5).fill(400));
  });
});
