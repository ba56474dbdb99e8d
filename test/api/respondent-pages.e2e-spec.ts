import { DEMO_SURVEY_DEFINITION, DEMO_SURVEY_SLUG, type SurveyDefinition } from '@candor/shared';
import { createSurvey } from '../factories/surveys';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/** The value of a hidden field in a rendered form. */
function hidden(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in:\n${html}`);
  return match[1] as string;
}

/** A survey like the demo, with the closing content researchers write and a screen-out for under-18s. */
const WITH_CLOSING: SurveyDefinition = {
  ...DEMO_SURVEY_DEFINITION,
  completedHtml: {
    default:
      '<h3>Thank you</h3><p>If you need support, call the peer line: <strong>555 0100</strong>.</p><script>alert(1)</script><img src="https://tracker.example/x.gif"><a href="javascript:alert(1)" onclick="x()">bad</a>',
    es: '<h3>Gracias</h3><p>Si necesitas apoyo, llama a la línea de pares: <strong>555 0100</strong>.</p>',
  },
  completedHtmlOnCondition: [
    {
      expression: "{adult} = 'no'",
      html: {
        default: '<h3>This survey is for adults</h3><p>Thank you for your interest.</p>',
        es: '<h3>Esta encuesta es para adultos</h3><p>Gracias por tu interés.</p>',
      },
    },
  ],
};

describe('the respondent pages rendered by the server (/s/:slug and /f/:slug)', () => {
  const clock = new FixedClock(new Date());
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ clock, env: { POW_DIFFICULTY: '1000', NOJS_MIN_SECONDS: '20' } });
  });
  afterAll(() => testApp.close());

  const post = (slug: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return testApp.http().post(`/f/${slug}`).set('Content-Type', 'application/x-www-form-urlencoded').send(body.toString());
  };
  /** Sends a page as a browser does: the POST, then the GET it is redirected to. */
  const step = async (slug: string, fields: Record<string, string | string[]>) => {
    const posted = await post(slug, fields).expect(303);
    const location = posted.headers['location'] as string;
    expect(location).toMatch(new RegExp(`^/f/${slug}\\?r=[A-Za-z0-9_-]{24}`));
    return { location, page: await testApp.http().get(location) };
  };

  it('serves the first question of the shared link as HTML at once, usable without JavaScript, with Quick exit', async () => {
    const response = await testApp.http().get(`/s/${DEMO_SURVEY_SLUG}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toContain('no-store');
    const html = response.text;
    expect(html).toContain('name="adult"');
    expect(html).toContain('<a class="exit" href="/api/public/exit">Quick exit</a>');
    expect(html).toMatch(/<form method="post" action="\/f\/demo"/);
    // No inline script or style (strict CSP); any script is a same-origin file.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc="\/)|\sstyle=|\son[a-z]+=/i);
    const es = (await testApp.http().get(`/s/${DEMO_SURVEY_SLUG}?lang=es`).expect(200)).text;
    expect(es).toContain('¿Tienes 18 años o más?');
    expect(es).toContain('Salida rápida');
    expect((await testApp.http().get('/s/no-such-survey')).status).toBe(404);
  });

  it('answers every form POST with a redirect to a one-time page, so Back never resubmits or shows the answers again', async () => {
    const first = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    const { location, page } = await step(DEMO_SURVEY_SLUG, { state: hidden(first, 'state'), action: 'next', adult: 'yes' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="screened_clients__before"');
    // Opened again (Back, after Quick exit): expired, and nothing of the answers on it.
    const again = await testApp.http().get(location);
    expect(again.status).toBe(410);
    expect(again.text).toContain('This page has expired');
    expect(again.text).not.toContain('name="state"');
    expect(again.text).not.toContain('screened_clients__before');
    // A made-up address finds nothing either.
    expect((await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}?r=${'a'.repeat(24)}`)).status).toBe(410);
  });

  it('shows progress as "page x of y" that never goes backwards, and "Send" only where nothing can follow', async () => {
    const first = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    expect(first).toContain('Page 1 of 3');
    expect(first).toContain('>Next</button>');
    expect(first).not.toContain('Send answers');
    const second = (await step(DEMO_SURVEY_SLUG, { state: hidden(first, 'state'), action: 'next', adult: 'yes' })).page.text;
    expect(second).toContain('Page 2 of 3');
    const third = (await step(DEMO_SURVEY_SLUG, { state: hidden(second, 'state'), action: 'next' })).page.text;
    expect(third).toContain('Page 3 of 3');
    expect(third).toContain('Send answers');
  });

  it('lists the problems at the top of the form, each linked to its question', async () => {
    const first = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    const { page } = await step(DEMO_SURVEY_SLUG, { state: hidden(first, 'state'), action: 'next' });
    expect(page.status).toBe(400);
    const summary = page.text.indexOf('class="error-summary" role="alert"');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(page.text.indexOf('name="adult"'));
    expect(page.text).toContain('<a href="#q-adult">Are you 18 or older?: Please answer this question.</a>');
    expect(page.text).toContain('id="q-adult"');
  });

  it('keeps the Español link on every page, switching language without losing the answers', async () => {
    const first = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    const second = (await step(DEMO_SURVEY_SLUG, { state: hidden(first, 'state'), action: 'next', adult: 'yes' })).page.text;
    expect(second).toMatch(/<button type="submit" form="survey-form" name="action" value="language:es"[^>]*>Español<\/button>/);
    const spanish = (await step(DEMO_SURVEY_SLUG, { state: hidden(second, 'state'), action: 'language', screened_clients__before: 'no' }))
      .page.text;
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain('Página 2 de 3');
    expect(spanish).toContain('value="no" checked');
    expect(spanish).toMatch(/>English<\/button>/);
  });

  it('opens "staying safe online" inside the page, so nothing typed is lost, and its text matches each path', async () => {
    const html = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    expect(html).toContain('<a href="#safety">Staying safe</a>');
    expect(html).toContain('<section id="safety" class="safety-view"');
    // Without JavaScript Quick exit is a link: the page says so rather than promise a blank screen.
    expect(html).toMatch(/<li class="without-script">[^<]*Without JavaScript the survey stays on screen/);
    expect(html).toMatch(/<li class="with-script">[^<]*goes blank at once/);
    const standalone = (await testApp.http().get('/f/safety').expect(200)).text;
    expect(standalone).toContain('never to your answers');
  });

  it('puts a short privacy notice before the first question, with the rest behind "more"', async () => {
    const html = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    const notice = /<section class="notice"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    const visible = notice.replace(/<details>[\s\S]*<\/details>/, '');
    expect(visible.match(/<li>/g)?.length).toBeLessThanOrEqual(4);
    expect(notice).toContain('<summary>More about your privacy</summary>');
    expect(notice).toContain('deleted 365 days after the survey closes');
  });

  it("shows the survey's own closing content, sanitized, in the respondent's language, and its screen-out to the ineligible", async () => {
    const { slug } = await createSurvey(testApp, { definition: WITH_CLOSING });
    const started = clock.now();
    // Spanish, eligible, to the end.
    let html = (await testApp.http().get(`/f/${slug}?lang=es`).expect(200)).text;
    html = (await step(slug, { state: hidden(html, 'state'), action: 'next', adult: 'yes' })).page.text;
    html = (await step(slug, { state: hidden(html, 'state'), action: 'next' })).page.text;
    clock.set(new Date(started.getTime() + 60_000));
    const done = (await step(slug, { state: hidden(html, 'state'), action: 'next' })).page;
    expect(done.status).toBe(200);
    expect(done.headers['clear-site-data']).toBe('"cache", "cookies"');
    expect(done.text).toContain('<h1>Gracias</h1>');
    expect(done.text).toContain('Si necesitas apoyo, llama a la línea de pares: <strong>555 0100</strong>');

    // English, not an adult: the button first says it will send, then the screen-out message — sanitized.
    clock.set(started);
    html = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    const told = (await step(slug, { state: hidden(html, 'state'), action: 'next', adult: 'no' })).page.text;
    expect(told).toContain('There are no more questions for you');
    expect(told).toContain('>Send answers</button>');
    clock.set(new Date(started.getTime() + 60_000));
    const out = (await step(slug, { state: hidden(told, 'state'), action: 'next', adult: 'no' })).page.text;
    expect(out).toContain('<h1>This survey is for adults</h1>');
    expect(out).not.toContain('Your answers were received');

    // The English closing page, through the sanitizer: no script, image, handler or javascript: link.
    clock.set(started);
    html = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    html = (await step(slug, { state: hidden(html, 'state'), action: 'next', adult: 'yes' })).page.text;
    html = (await step(slug, { state: hidden(html, 'state'), action: 'next' })).page.text;
    clock.set(new Date(started.getTime() + 60_000));
    const english = (await step(slug, { state: hidden(html, 'state'), action: 'next' })).page.text;
    expect(english).toContain('call the peer line: <strong>555 0100</strong>');
    expect(english).not.toMatch(/<script>alert|<img|tracker\.example|javascript:|onclick/);
  });

  it('warns about identifying free text once before moving on, and says how long to wait before sending', async () => {
    const definition: SurveyDefinition = {
      pages: [
        { name: 'p1', elements: [{ type: 'comment', name: 'story', title: 'Anything else?' }] },
        { name: 'p2', elements: [{ type: 'radiogroup', name: 'ok', title: 'OK?', choices: ['yes', 'no'] }] },
      ],
    };
    const { slug } = await createSurvey(testApp, { definition });
    clock.set(new Date());
    const first = (await testApp.http().get(`/f/${slug}`).expect(200)).text;
    expect(first).toMatch(/<p class="identifying-warning" id="q-story-warning" role="alert" hidden/);
    const warned = (await step(slug, { state: hidden(first, 'state'), action: 'next', story: 'call me on 555 123 4567' })).page.text;
    expect(warned).toMatch(
      /<p class="identifying-warning" id="q-story-warning" role="alert" data-template="[^"]*" data-kinds="[^"]*">This looks like it could identify someone \(a phone number\)/,
    );
    expect(warned).toContain('call me on 555 123 4567');
    const moved = (await step(slug, { state: hidden(warned, 'state'), action: 'next', story: 'call me on 555 123 4567' })).page.text;
    expect(moved).toContain('name="ok"');
    const wait = (await step(slug, { state: hidden(moved, 'state'), action: 'next', ok: 'yes' })).page.text;
    expect(wait).toMatch(/You can send them in \d+ seconds/);
  });
});

describe('the built web app behind the respondent pages', () => {
  let testApp: TestApp;
  let dist: string;
  const script = `export const app = ${JSON.stringify('x'.repeat(50_000))};\n`;

  beforeAll(async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    dist = mkdtempSync(join(tmpdir(), 'candor-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html><head><script type="module" crossorigin src="/assets/main-abc.js"></script><link rel="stylesheet" crossorigin href="/assets/main-abc.css"></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(dist, 'assets', 'main-abc.js'), script);
    writeFileSync(join(dist, 'assets', 'main-abc.css'), 'body{margin:0}');
    writeFileSync(join(dist, 'assets', 'respondent-boot.js'), 'document.documentElement.classList.add("js");');
    testApp = await startTestApp({ env: { WEB_DIST_DIR: dist } });
  });
  afterAll(() => testApp.close());

  it('gives the shared link the boot script and the SurveyJS app it may load; other pages the boot script only', async () => {
    const shared = (await testApp.http().get(`/s/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    expect(shared).toMatch(
      /<script type="module" src="\/assets\/respondent-boot\.js" data-app="\/assets\/main-abc\.js" data-styles="\/assets\/main-abc\.css" data-bytes="\d+"><\/script>/,
    );
    const form = (await testApp.http().get(`/f/${DEMO_SURVEY_SLUG}`).expect(200)).text;
    expect(form).toContain('<script type="module" src="/assets/respondent-boot.js"></script>');
    // Client-side routes still get the app's index.html; the shared link never does.
    expect((await testApp.http().get('/d/anything').expect(200)).text).toContain('<div id="root"></div>');
  });

  it('serves the static files with brotli once they are compressed, and as they are to clients without it', async () => {
    let response = await testApp.http().get('/assets/main-abc.js').set('Accept-Encoding', 'br');
    // Compression runs in the background at start: ask until it is ready (bounded by the test's timeout).
    while (response.headers['content-encoding'] !== 'br') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      response = await testApp.http().get('/assets/main-abc.js').set('Accept-Encoding', 'br');
    }
    expect(response.headers['content-type']).toMatch(/^text\/javascript/);
    expect(Number(response.headers['content-length'])).toBeLessThan(script.length / 20);
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.text).toBe(script);
    const plain = await testApp.http().get('/assets/main-abc.js').set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(script);
  });
});
