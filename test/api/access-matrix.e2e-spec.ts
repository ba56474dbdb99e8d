import { STAFF_ROLES, type StaffRole } from '@candor/shared';
import { staffAgent, type StaffAgent } from '../factories/staff';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Who may call every route (README, Architecture). The list must name every route Express
 * serves (read from its router, so routes hidden from the OpenAPI document count too):
 * a new route cannot ship without an access rule and a test.
 */
type Access = 'public' | 'any-staff' | readonly StaffRole[];

const ACCESS: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/public/surveys/{slug}': 'public',
  'POST /api/public/surveys/{slug}/responses': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/session': 'any-staff',
  'POST /api/auth/logout': 'any-staff',
  'POST /api/auth/password': 'any-staff',
  'GET /api/staff-users': ['admin'],
  'POST /api/staff-users': ['admin'],
  'PATCH /api/staff-users/{id}': ['admin'],
  'GET /api/audit-events': ['admin'],
  'GET /api/surveys': 'any-staff',
  'POST /api/surveys': ['researcher'],
  'POST /api/surveys/check-definition': ['researcher'],
  'GET /api/surveys/{id}': 'any-staff',
  'PATCH /api/surveys/{id}': ['researcher'],
  'PUT /api/surveys/{id}/definition': ['researcher'],
  'PUT /api/surveys/{id}/settings': ['researcher'],
  'POST /api/surveys/{id}/open': ['researcher'],
  'PUT /api/surveys/{id}/research-key': ['researcher'],
  'GET /api/surveys/{id}/free-text': ['researcher'],
  'GET /api/surveys/{id}/free-text/{key}': ['researcher'],
  'POST /api/surveys/{id}/close': ['researcher'],
  'GET /api/surveys/{id}/versions': 'any-staff',
  'GET /api/surveys/{id}/versions/{number}': 'any-staff',
  'GET /api/surveys/{id}/versions/{number}/diff': 'any-staff',
  'GET /api/surveys/{id}/translations': ['researcher'],
  'PUT /api/surveys/{id}/translations': ['researcher'],
  'GET /api/surveys/{id}/translations/export': ['researcher'],
  'POST /api/surveys/{id}/translations/import': ['researcher'],
  'GET /api/surveys/{id}/monitor': 'any-staff',
  'POST /api/surveys/{id}/publications/preview': ['organizer'],
  'POST /api/surveys/{id}/publications/plan': ['organizer', 'researcher'],
  'POST /api/surveys/{id}/publications': ['organizer'],
  'GET /api/surveys/{id}/publications': 'any-staff',
  'GET /api/surveys/{id}/custom-tables/questions': ['organizer', 'researcher'],
  'POST /api/surveys/{id}/custom-tables': ['organizer', 'researcher'],
  'POST /api/surveys/{id}/publications/{publicationId}/withdraw': ['organizer'],
  'POST /api/surveys/{id}/publications/{publicationId}/republish': ['organizer'],
  'GET /api/public/dashboards/{slug}': 'public',
  'GET /api/public/dashboards/{slug}/snapshot.json': 'public',
  'GET /api/public/dashboards/{slug}/snapshot.csv': 'public',
  'GET /api/public/surveys/{slug}/challenge': 'public',
  'GET /api/public/exit': 'public',
  'POST /api/surveys/{id}/outreach-batches': ['researcher', 'organizer'],
  'GET /api/surveys/{id}/outreach-batches': ['researcher', 'organizer'],
  'POST /api/surveys/{id}/outreach-devices': 'any-staff',
  'GET /api/surveys/{id}/outreach-devices': 'any-staff',
  'POST /api/surveys/{id}/outreach-devices/{deviceId}/revoke': ['admin'],
  'GET /api/outreach-devices/policy': 'any-staff',
  'PUT /api/outreach-devices/policy': ['admin'],
  'POST /api/public/surveys/{slug}/outreach-uploads': 'public',
  // The no-JavaScript form and the shared link (hidden from the OpenAPI document).
  'GET /f/safety': 'public',
  'GET /f/{slug}': 'public',
  'POST /f/{slug}': 'public',
  'GET /s/{slug}': 'public',
  // The OpenAPI document and Swagger UI (public by design: they describe, never read, data).
  'GET /api/docs': 'public',
  'GET /api/docs/': 'public',
  'GET /api/docs/index.html': 'public',
  'GET /api/docs/LICENSE': 'public',
  'GET /api/docs/swagger-ui-init.js': 'public',
  'GET /api/docs/docs/swagger-ui-init.js': 'public',
  'GET /api/docs-json': 'public',
  'GET /api/docs-yaml': 'public',
};

/** Routes served but left out of the OpenAPI document on purpose; every other route is in it. */
const UNDOCUMENTED = Object.keys(ACCESS).filter((route) => /^GET \/api\/docs|^\w+ \/[fs]\//.test(route));

interface RouterLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** Every route in Express's router, as `METHOD /path/{param}`: what the server really answers. */
function servedRoutes(testApp: TestApp): string[] {
  const express = testApp.app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return express.router.stack.flatMap((layer) => {
    const route = layer.route;
    if (!route) return [];
    if (typeof route.path !== 'string') throw new Error(`a route with a non-string path: ${String(route.path)}`);
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    return Object.keys(route.methods)
      .filter((method) => method !== '_all')
      .map((method) => `${method.toUpperCase()} ${path}`);
  });
}

const SAMPLE_PARAMS: Record<string, string> = {
  slug: 'demo',
  id: '00000000-0000-4000-8000-000000000000',
  number: '1',
  publicationId: '00000000-0000-4000-8000-000000000001',
};

function allowed(access: Access, role: StaffRole): boolean {
  if (access === 'public' || access === 'any-staff') return true;
  return role === 'admin' || access.includes(role);
}

describe('access rules of every route', () => {
  let testApp: TestApp;
  let routes: string[];
  let documented: string[];
  const agents = {} as Record<StaffRole, StaffAgent>;

  beforeAll(async () => {
    testApp = await startTestApp();
    const document = (await testApp.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    routes = servedRoutes(testApp);
    for (const role of STAFF_ROLES) agents[role] = await staffAgent(testApp, role);
  });
  afterAll(() => testApp.close());

  it('classifies every route the API serves, and only those', () => {
    expect(routes).toContain('POST /f/{slug}');
    expect([...new Set(routes)].sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it('documents every served route in the OpenAPI document except the hidden pages', () => {
    const served = routes.filter((route) => !UNDOCUMENTED.includes(route));
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });

  const call = (agent: StaffAgent | null, route: string) => {
    const [method, template] = route.split(' ') as [string, string];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');
    if (!agent) {
      const http = testApp.http();
      if (method === 'GET') return http.get(path);
      if (method === 'POST') return http.post(path).send({});
      if (method === 'PUT') return http.put(path).send({});
      return http.patch(path).send({});
    }
    if (method === 'GET') return agent.get(path);
    if (method === 'POST') return agent.post(path, {});
    if (method === 'PUT') return agent.put(path, {});
    return agent.patch(path, {});
  };

  it.each(Object.entries(ACCESS).filter(([, access]) => access !== 'public'))('%s refuses anonymous callers with 401', async (route) => {
    const response = await call(null, route);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it.each(Object.entries(ACCESS).filter(([, access]) => access === 'public'))('%s is open to anonymous callers', async (route) => {
    const response = await call(null, route);
    expect([401, 403]).not.toContain(response.status);
  });

  const cases = Object.entries(ACCESS)
    .filter(([route, access]) => access !== 'public' && !route.startsWith('POST /api/auth/'))
    .flatMap(([route, access]) => STAFF_ROLES.map((role) => [route, role, allowed(access, role)] as const));

  it.each(cases)('%s as %s: allowed = %s', async (route, role, expected) => {
    const response = await call(agents[role], route);
    if (expected) expect([401, 403]).not.toContain(response.status);
    else {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    }
  });
});
