import { buildPolicyImpactSurvey, generateResearchKeyPair, POLICY_IMPACT_DEFAULTS, type PolicyImpactConfig } from '@candor/shared';
import type { RunningApp } from './app-process';
import { createAdminWithCli } from './cli';

/**
 * Makes an admin with the CLI, signs in, and opens the policy-impact template at `/s/impact`
 * in English and Spanish (with a research key, since the template asks for free text).
 */
export async function openPolicyImpactSurvey(
  app: RunningApp,
  admin: { readonly email: string; readonly password: string },
  config: Partial<PolicyImpactConfig> = {},
): Promise<void> {
  const made = createAdminWithCli(app.database.url, admin.email, admin.password);
  if (!made.includes('Created admin')) throw new Error(`admin not created: ${made}`);
  const login = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const definition = buildPolicyImpactSurvey({ ...POLICY_IMPACT_DEFAULTS, ...config });
  const created = await fetch(`${app.baseUrl}/api/surveys`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ slug: 'impact', title: 'Impact', source: 'json', definition, locales: ['en', 'es'] }),
  });
  if (created.status !== 201) throw new Error(`survey not created: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const keyed = await fetch(`${app.baseUrl}/api/surveys/${id}/research-key`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ publicKey: generateResearchKeyPair().publicKey }),
  });
  if (keyed.status !== 200) throw new Error(`research key not set: ${await keyed.text()}`);
  const opened = await fetch(`${app.baseUrl}/api/surveys/${id}/open`, { method: 'POST', headers });
  if (opened.status !== 200) throw new Error(`survey not opened: ${await opened.text()}`);
}
