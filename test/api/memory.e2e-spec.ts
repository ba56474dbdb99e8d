import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEMO_SURVEY_SLUG, type PublicSurvey } from '@candor/shared';
import { demoAnswers, fetchPublicSurvey } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settledHeap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

/**
 * survey-core retains ~2.3 MB per `Model` even after dispose (docs/DEVELOPING.md): one model per
 * request would grow the heap by gigabytes over 2,000 submissions. The compiled
 * validator must keep it flat.
 */
describe('memory under repeated submissions', () => {
  let testApp: TestApp;
  let demo: PublicSurvey;
  let baseUrl: string;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOG_LEVEL: 'warn' } });
    demo = await fetchPublicSurvey(testApp, DEMO_SURVEY_SLUG);
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = await testApp.app.getUrl();
  });
  afterAll(() => testApp.close());

  async function submitMany(count: number, offset: number): Promise<void> {
    const concurrency = 16;
    let next = 0;
    const variants = [demoAnswers(), demoAnswers({ violent_incident: 'no', incident_reported: undefined }), { adult: 'no' }];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const i = offset + next++;
          const answers = JSON.parse(JSON.stringify(variants[i % variants.length]));
          const response = await postOnce(
            `${baseUrl.replace('[::1]', '127.0.0.1')}/api/public/surveys/${DEMO_SURVEY_SLUG}/responses`,
            JSON.stringify({ versionId: demo.versionId, answers, idempotencyKey: `memory-test-${String(i).padStart(8, '0')}` }),
          );
          if (response.status !== 201) throw new Error(`submission ${i} got ${response.status}: ${await response.text()}`);
        }
      }),
    );
  }

  /**
   * One submission, sent again (same idempotency key, so it is stored at most once) when the
   * connection was reset: the server closes keep-alive connections idle for 5 s, and a pooled
   * one reused at that moment fails as a phone's would — the phone retries too.
   */
  async function postOnce(url: string, body: string): Promise<Response> {
    const send = () => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    try {
      return await send();
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
      return send();
    }
  }

  it('keeps the heap flat over 2,000 validated submissions', async () => {
    await submitMany(300, 0); // warm up: compile the version, fill pools and JIT caches
    const before = settledHeap();
    await submitMany(2000, 300);
    const after = settledHeap();
    const growthMb = (after - before) / 1024 / 1024;
    console.log(
      `heap before ${(before / 1048576).toFixed(1)} MB, after 2,000 submissions ${(after / 1048576).toFixed(1)} MB (growth ${growthMb.toFixed(1)} MB)`,
    );
    const stored = await testApp.db.query('SELECT count(*)::int AS n FROM stored_response');
    expect(stored.rows[0].n).toBe(2300);
    // One survey-core model per request would add ~4,600 MB; allow noise, not leaks.
    expect(growthMb).toBeLessThan(40);
    // 2,300 submissions take ~50 s on a quiet machine: the timeout is a hang guard, not a speed target.
  }, 600_000);
});
