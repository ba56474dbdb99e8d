import { createStaff, signIn, STAFF_PASSWORD, staffAgent, type StaffAgent } from '../factories/staff';
import { startTestApp, type TestApp } from '../support/test-app';

describe('managing staff accounts', () => {
  let testApp: TestApp;
  let admin: StaffAgent;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await staffAgent(testApp, 'admin');
  });
  afterAll(() => testApp.close());

  it('lets an admin create a researcher who can then sign in', async () => {
    const created = await admin
      .post('/api/staff-users', {
        email: 'Rosa@Collective.example',
        displayName: 'Rosa',
        role: 'researcher',
        password: 'a perfectly long password',
      })
      .expect(201);
    expect(created.body).toMatchObject({ email: 'rosa@collective.example', role: 'researcher', disabled: false });
    expect(created.body).not.toHaveProperty('passwordHash');
    await signIn(testApp, 'rosa@collective.example', 'a perfectly long password');
    const stored = await testApp.db.query(`SELECT password_hash FROM staff_user WHERE email = 'rosa@collective.example'`);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });

  it('refuses short passwords and duplicate emails, saying which field is wrong', async () => {
    const short = await admin.post('/api/staff-users', {
      email: 'short@candor.test',
      displayName: 'Short',
      role: 'organizer',
      password: 'tooshort',
    });
    expect(short.status).toBe(400);
    expect(short.body.details[0].path).toBe('password');
    const email = await createStaff(testApp, 'organizer');
    const duplicate = await admin.post('/api/staff-users', { email, displayName: 'Again', role: 'organizer', password: STAFF_PASSWORD });
    expect(duplicate.status).toBe(409);
  });

  it('disables an account and ends its sessions at once', async () => {
    const email = await createStaff(testApp, 'organizer');
    const victim = await signIn(testApp, email);
    const id = (await admin.get('/api/staff-users').expect(200)).body.find((u: { email: string }) => u.email === email).id;
    await admin.patch(`/api/staff-users/${id}`, { disabled: true }).expect(200);
    await victim.get('/api/surveys').expect(401);
    await testApp.http().post('/api/auth/login').send({ email, password: STAFF_PASSWORD }).expect(401);
    await admin.patch(`/api/staff-users/${id}`, { disabled: false }).expect(200);
    await signIn(testApp, email);
  });

  it('changes a role, which takes effect at the next sign-in', async () => {
    const email = await createStaff(testApp, 'organizer');
    const before = await signIn(testApp, email);
    await before.post('/api/surveys', { slug: 'role-change', title: 'x', source: 'blank' }).expect(403);
    const id = (await admin.get('/api/staff-users').expect(200)).body.find((u: { email: string }) => u.email === email).id;
    await admin.patch(`/api/staff-users/${id}`, { role: 'researcher' }).expect(200);
    await before.get('/api/surveys').expect(401);
    const after = await signIn(testApp, email);
    await after.post('/api/surveys', { slug: 'role-change', title: 'x', source: 'blank' }).expect(201);
  });

  it('never leaves the platform without an active admin, nor lets admins disable themselves', async () => {
    const me = (await admin.get('/api/auth/session').expect(200)).body.user;
    const self = await admin.patch(`/api/staff-users/${me.id}`, { disabled: true });
    expect(self.status).toBe(409);
    const others = (await admin.get('/api/staff-users').expect(200)).body.filter(
      (u: { role: string; id: string }) => u.role === 'admin' && u.id !== me.id,
    );
    for (const other of others) await admin.patch(`/api/staff-users/${other.id}`, { role: 'organizer' }).expect(200);
    const demoteSelf = await admin.patch(`/api/staff-users/${me.id}`, { role: 'researcher' });
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.body.message).toMatch(/last active admin/);
  });

  it('shows admins the audit log of staff actions', async () => {
    const log = (await admin.get('/api/audit-events?limit=50').expect(200)).body;
    expect(log.length).toBeGreaterThan(3);
    expect(log[0]).toEqual(expect.objectContaining({ action: expect.any(String), occurredAt: expect.any(String) }));
    const filtered = (await admin.get('/api/audit-events?action=staff_user.update').expect(200)).body;
    expect(filtered.every((e: { action: string }) => e.action === 'staff_user.update')).toBe(true);
  });
});
