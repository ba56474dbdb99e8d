import { DEMO_SURVEY_DEFINITION, type FieldingMonitor, type SurveyDetail } from '@candor/shared';
import { staffAgent, type StaffAgent, giveResearchKey } from '../factories/staff';
import { demoAnswers, newKey } from '../factories/surveys';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

/**
 * The fielding monitor (issue 13 point 10) against a curious staff member who polls it: it
 * must never tell that one respondent arrived — its answer may change only when the coarse
 * total (rounded down to k, as on every staff screen) changes, or when a period ends.
 */
describe('fielding monitor: responses per period, coarsened (P4)', () => {
  const clock = new FixedClock(new Date('2026-05-04T09:00:00Z'));
  const K = 5;
  let testApp: TestApp;
  let researcher: StaffAgent;
  let organizer: StaffAgent;
  let survey: SurveyDetail;
  let arrived = 0;

  const monitor = async (agent: StaffAgent = organizer): Promise<FieldingMonitor> =>
    (await agent.get(`/api/surveys/${survey.id}/monitor`).expect(200)).body;
  const respond = async () => {
    await testApp
      .http()
      .post(`/api/public/surveys/${survey.slug}/responses`)
      .send({ versionId: survey.versionId, answers: demoAnswers(), idempotencyKey: newKey() })
      .expect(201);
    arrived += 1;
  };
  // Sessions time out when the clock jumps a day: sign in again after moving it.
  const at = async (iso: string) => {
    clock.set(new Date(iso));
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
  };

  beforeAll(async () => {
    testApp = await startTestApp({ clock });
    researcher = await staffAgent(testApp, 'researcher');
    organizer = await staffAgent(testApp, 'organizer');
    const created: SurveyDetail = (
      await researcher
        .post('/api/surveys', {
          slug: `monitor-${Date.now().toString(36)}`,
          title: 'Monitor',
          source: 'json',
          definition: DEMO_SURVEY_DEFINITION,
        })
        .expect(201)
    ).body;
    await researcher
      .put(`/api/surveys/${created.id}/settings`, {
        k: K,
        minResponses: 20,
        minGroup: 5,
        timeGranularity: 'day',
        retentionDays: 30,
        crosstabs: [],
        perturbation: 'none',
      })
      .expect(200);
    await giveResearchKey(researcher, created.id);
    survey = (await researcher.post(`/api/surveys/${created.id}/open`).expect(200)).body;
  });
  afterAll(() => testApp.close());

  it('is for staff only: the public gets 401', async () => {
    await testApp.http().get(`/api/surveys/${survey.id}/monitor`).expect(401);
    await monitor(researcher);
  });

  it('a staff member polling it cannot tell that one respondent arrived (attack)', async () => {
    // Every arrival, one at a time, with a look before and after: the answer moves only when
    // the coarse total moves (a multiple of k crossed), never for the arrival alone.
    for (let i = 0; i < 13; i += 1) {
      const before = await monitor();
      await respond();
      const after = await monitor();
      const totalMoved = Math.floor(arrived / K) !== Math.floor((arrived - 1) / K);
      if (totalMoved) expect(after).not.toEqual(before);
      else expect(after).toEqual(before);
      // The running period is never counted on its own.
      expect(after.periods.at(-1)).toEqual({ start: '2026-05-04', running: true, atLeast: null });
      expect(after.total.atLeast).toBe(Math.floor(arrived / K) * K);
    }
  });

  it('shows an ended period rounded down to a multiple of k, and it never moves again', async () => {
    const firstDay = arrived; // 13
    await at('2026-05-05T00:20:00Z');
    const view = await monitor();
    expect(view.periods).toEqual([
      { start: '2026-05-04', running: false, atLeast: Math.floor(firstDay / K) * K },
      { start: '2026-05-05', running: true, atLeast: null },
    ]);
    for (let i = 0; i < 4; i += 1) {
      const before = await monitor();
      await respond();
      const after = await monitor();
      expect(after.periods[0]).toEqual(view.periods[0]);
      if (Math.floor(arrived / K) === Math.floor((arrived - 1) / K)) expect(after).toEqual(before);
    }
  });

  it('closing the survey does not end the running period early (staff cannot choose when a partial day is counted)', async () => {
    await at('2026-05-05T15:00:00Z');
    await researcher.post(`/api/surveys/${survey.id}/close`).expect(200);
    const closed = await monitor();
    expect(closed.periods.at(-1)).toEqual({ start: '2026-05-05', running: true, atLeast: null });
    await at('2026-05-06T00:20:00Z');
    const later = await monitor();
    expect(later.periods.find((p) => p.start === '2026-05-05')).toEqual({
      start: '2026-05-05',
      running: false,
      atLeast: Math.floor(arrived / K) * K,
    });
  });

  it('shows progress toward the release floor as "at least the floor" once reached', async () => {
    await at('2026-05-06T10:00:00Z');
    await researcher.post(`/api/surveys/${survey.id}/open`).expect(200);
    while (arrived < 21) await respond();
    const view = await monitor();
    expect(view.total).toEqual({ atLeast: 20, step: K, floorReached: true });
    expect(view.minResponses).toBe(20);
    expect(view.granularity).toBe('day');
  });
});
