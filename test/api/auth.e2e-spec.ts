import { createHash } from 'node:crypto';
import { createStaff, signIn, STAFF_PASSWORD, staffAgent } from '../factories/staff';
import { PasswordService } from '@candor/api-testing';
import { FixedClock, startTestApp, type TestApp } from '../support/test-app';

describe('staff sign-in and sessions', () => {
  const clock = new FixedClock(new Date('2026-05-04T09:00:00Z'));
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({
      clock,
      env: { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '8', LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '10' },
    });
  });
  afterAll(() => testApp.close());

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict and scoped to the API', async () => {
    const email = await createStaff(testApp, 'researcher');
    const response = await testApp.http().post('/api/auth/login').send({ email, password: STAFF_PASSWORD }).expect(200);
    expect(response.body.user).toMatchObject({ email, role: 'researcher', disabled: false });
    expect(response.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^candor_staff=[A-Za-z0-9_-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api');
    expect(JSON.stringify(response.body)).not.toContain('password');
  });

  it('stores only a hash of the session token', async () => {
    const email = await createStaff(testApp, 'organizer');
    const response = await testApp.http().post('/api/auth/login').send({ email, password: STAFF_PASSWORD }).expect(200);
    const token = /candor_staff=([^;]+)/.exec(String(response.headers['set-cookie']))?.[1] as string;
    const expected = createHash('sha256').update(token).digest('hex');
    const sessions = await testApp.db.query(`SELECT encode(token_hash, 'hex') AS h FROM staff_session`);
    expect(sessions.rows.map((r) => r.h)).toContain(expected);
    const dump = await testApp.db.query(`SELECT row_to_json(s)::text AS row FROM staff_session s`);
    expect(JSON.stringify(dump.rows)).not.toContain(token);
  });

  it('refuses a wrong password and an unknown account with the same answer', async () => {
    const email = await createStaff(testApp, 'researcher');
    const wrong = await testApp.http().post('/api/auth/login').send({ email, password: 'not the password at all' });
    const unknown = await testApp.http().post('/api/auth/login').send({ email: 'nobody@candor.test', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('locks an account after repeated failures, in the database (across instances), answering exactly like a wrong password, then lets it in again', async () => {
    const email = await createStaff(testApp, 'researcher');
    const wrong = await testApp.http().post('/api/auth/login').send({ email, password: 'wrong wrong wrong' }).expect(401);
    for (let i = 1; i < 3; i++) await testApp.http().post('/api/auth/login').send({ email, password: 'wrong wrong wrong' }).expect(401);
    const locked = await testApp.http().post('/api/auth/login').send({ email, password: STAFF_PASSWORD });
    const unknown = await testApp.http().post('/api/auth/login').send({ email: 'nobody-at-all@candor.test', password: STAFF_PASSWORD });
    // Same status, body and headers that matter: nothing tells a locked account from a wrong password or no account.
    for (const response of [locked, unknown]) {
      expect(response.status).toBe(wrong.status);
      expect(response.body).toEqual(wrong.body);
      expect(response.headers['retry-after']).toBeUndefined();
    }
    const stored = await testApp.db.query('SELECT locked_until FROM staff_user WHERE email = $1', [email]);
    expect(stored.rows[0].locked_until).not.toBeNull();
    clock.set(new Date(clock.now().getTime() + 11 * 60_000));
    await testApp.http().post('/api/auth/login').send({ email, password: STAFF_PASSWORD }).expect(200);
  });

  it('spends one argon2 verification on every failed sign-in: wrong password, unknown, disabled or locked account', async () => {
    const passwords = testApp.app.get(PasswordService);
    const email = await createStaff(testApp, 'researcher');
    const verify = jest.spyOn(passwords, 'verify');
    try {
      const attempts: Array<{ email: string; password: string }> = [
        { email, password: 'wrong wrong wrong' },
        { email: 'nobody-else@candor.test', password: 'wrong wrong wrong' },
        { email, password: 'wrong wrong wrong' },
        { email, password: 'wrong wrong wrong' },
        { email, password: STAFF_PASSWORD }, // locked now
      ];
      for (const attempt of attempts) {
        verify.mockClear();
        await testApp.http().post('/api/auth/login').send(attempt).expect(401);
        expect(verify).toHaveBeenCalledTimes(1);
      }
    } finally {
      verify.mockRestore();
      clock.set(new Date(clock.now().getTime() + 11 * 60_000));
    }
  });

  it('returns the session and CSRF token after a reload, and ends it at sign-out', async () => {
    const agent = await staffAgent(testApp, 'organizer');
    const session = await agent.get('/api/auth/session').expect(200);
    expect(session.body.csrfToken).toBe(agent.session.csrfToken);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/session').expect(401);
  });

  it('ends a session after the idle time and after its maximum age', async () => {
    const agent = await staffAgent(testApp, 'organizer');
    clock.set(new Date(clock.now().getTime() + 29 * 60_000));
    await agent.get('/api/auth/session').expect(200);
    clock.set(new Date(clock.now().getTime() + 31 * 60_000));
    await agent.get('/api/auth/session').expect(401);

    const signedInAt = clock.now().getTime();
    const busy = await staffAgent(testApp, 'organizer');
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      clock.set(new Date(signedInAt + minutes * 60_000));
      await busy.get('/api/auth/session').expect(200);
    }
    clock.set(new Date(signedInAt + (8 * 60 + 1) * 60_000));
    await busy.get('/api/auth/session').expect(401);
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const agent = await staffAgent(testApp, 'researcher');
    const missing = await agent.agent.post('/api/surveys').send({ slug: 'csrf-test', title: 'x', source: 'blank' });
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('CSRF_FAILED');
    const forged = await agent.agent
      .post('/api/surveys')
      .set('X-CSRF-Token', 'forged-token-value-forged-token-value-xx')
      .send({ slug: 'csrf-test', title: 'x', source: 'blank' });
    expect(forged.body.code).toBe('CSRF_FAILED');
    await agent.post('/api/surveys', { slug: 'csrf-test', title: 'x', source: 'blank' }).expect(201);
  });

  it('lets staff change their own password, ending their sessions', async () => {
    const email = await createStaff(testApp, 'organizer');
    const agent = await signIn(testApp, email);
    await agent.post('/api/auth/password', { currentPassword: 'wrong', newPassword: 'another long password' }).expect(400);
    await agent.post('/api/auth/password', { currentPassword: STAFF_PASSWORD, newPassword: 'another long password' }).expect(204);
    await agent.get('/api/auth/session').expect(401);
    await signIn(testApp, email, 'another long password');
  });

  it('records sign-ins and failures in the audit log, never the password', async () => {
    const email = await createStaff(testApp, 'researcher');
    await testApp.http().post('/api/auth/login').send({ email, password: 'secret-typo-12345' });
    await signIn(testApp, email);
    const rows = await testApp.db.query(
      `SELECT action, actor_email, details FROM audit_event WHERE details->>'email' = $1 OR actor_email = $1 ORDER BY occurred_at`,
      [email],
    );
    expect(rows.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['staff_user.create', 'auth.login_failed', 'auth.login']));
    expect(JSON.stringify(rows.rows)).not.toContain('secret-typo');
  });

  it('keeps the audit log append-only', async () => {
    await expect(testApp.db.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
    await expect(testApp.db.query(`UPDATE audit_event SET action = 'x'`)).rejects.toThrow(/append-only/);
  });
});

describe('sign-in throttling by address', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOGIN_MAX_FAILURES: '100', LOGIN_RATE_PER_MINUTE: '10' } });
  });
  afterAll(() => testApp.close());

  it('answers 429 after 10 attempts a minute from one address, whatever the accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: `guess${i}@candor.test`, password: 'guessing guessing' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('sign-in under races and floods', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { LOGIN_MAX_FAILURES: '20', LOGIN_LOCK_MINUTES: '10' } });
  });
  afterAll(() => testApp.close());

  it('counts 10 parallel wrong passwords as 10 failures', async () => {
    const email = await createStaff(testApp, 'researcher');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => testApp.http().post('/api/auth/login').send({ email, password: 'wrong wrong wrong' })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(401));
    const stored = await testApp.db.query('SELECT failed_logins FROM staff_user WHERE email = $1', [email]);
    expect(stored.rows[0].failed_logins).toBe(10);
  });

  it('locks after the limit even when the failures arrive all at once', async () => {
    const email = await createStaff(testApp, 'researcher');
    await Promise.all(
      Array.from({ length: 20 }, () => testApp.http().post('/api/auth/login').send({ email, password: 'wrong wrong wrong' })),
    );
    await testApp.http().post('/api/auth/login').send({ email, password: STAFF_PASSWORD }).expect(401);
  });

  it('refuses a right password whose check was under way when parallel failures locked (or an admin disabled) the account', async () => {
    const passwords = testApp.app.get(PasswordService);
    const original = passwords.verify.bind(passwords);
    for (const change of ["locked_until = now() + interval '10 minutes'", 'disabled_at = now()']) {
      const email = await createStaff(testApp, 'researcher');
      // The account is read before it is locked; the lock lands while argon2 runs (as 20 parallel guesses would).
      const verify = jest.spyOn(passwords, 'verify').mockImplementation(async (hash, password) => {
        await testApp.db.query(`UPDATE staff_user SET ${change} WHERE email = $1`, [email]);
        return original(hash, password);
      });
      try {
        await testApp.http().post('/api/auth/login').send({ email, password: STAFF_PASSWORD }).expect(401);
      } finally {
        verify.mockRestore();
      }
      const stored = await testApp.db.query('SELECT locked_until, disabled_at FROM staff_user WHERE email = $1', [email]);
      expect(stored.rows[0].locked_until ?? stored.rows[0].disabled_at).not.toBeNull();
    }
  });

  it('does not let anonymous failed sign-ins grow the audit log one row each', async () => {
    const count = async () =>
      (await testApp.db.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.login_failed'`)).rows[0].n as number;
    const before = await count();
    for (let i = 0; i < 30; i++) {
      await testApp
        .http()
        .post('/api/auth/login')
        .send({ email: `flood-${i}-${'x'.repeat(30)}@candor.test`, password: 'guessing guessing' })
        .expect(401);
    }
    expect((await count()) - before).toBeLessThanOrEqual(1);
    const rows = await testApp.db.query(`SELECT details FROM audit_event WHERE action = 'auth.login_failed'`);
    expect(JSON.stringify(rows.rows)).not.toContain('flood-');
  });
});

describe('staff passwords', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it.each([
    ['only spaces', ' '.repeat(16)],
    ['a common password', 'password1234'],
    ['a digit run', '123456789012'],
    ['a keyboard walk', 'qwertyuiopas'],
  ])('refuses %s for a new account and a changed password, saying why', async (_what, password) => {
    const admin = await staffAgent(testApp, 'admin');
    const created = await admin.post('/api/staff-users', {
      email: `weak-${Date.now()}@candor.test`,
      displayName: 'Weak',
      role: 'researcher',
      password,
    });
    expect(created.status).toBe(400);
    expect(created.body.details[0]).toMatchObject({ path: 'password' });
    const changed = await admin.post('/api/auth/password', { currentPassword: STAFF_PASSWORD, newPassword: password });
    expect(changed.status).toBe(400);
    expect(changed.body.details[0]).toMatchObject({ path: 'newPassword' });
  });
});
