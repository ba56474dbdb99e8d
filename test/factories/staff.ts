import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { generateResearchKeyPair, type ResearchKeyPair, type StaffRole, type StaffSession, type SurveyDetail } from '@candor/shared';
import { StaffUsersService } from '@candor/api-testing';
import type { TestApp } from '../support/test-app';

export const STAFF_PASSWORD = 'a long enough test password';

export interface StaffAgent {
  readonly session: StaffSession;
  readonly email: string;
  get(path: string): request.Test;
  /** Writes carry the session's CSRF token, as the web app does. */
  post(path: string, body?: unknown): request.Test;
  put(path: string, body?: unknown): request.Test;
  patch(path: string, body?: unknown): request.Test;
  /** The raw agent (cookies kept), for requests that must omit the CSRF token. */
  readonly agent: ReturnType<typeof request.agent>;
}

export async function createStaff(
  testApp: TestApp,
  role: StaffRole,
  email = `${role}-${randomUUID().slice(0, 8)}@candor.test`,
): Promise<string> {
  await testApp.app.get(StaffUsersService).create({ email, displayName: `${role} tester`, role, password: STAFF_PASSWORD }, null);
  return email;
}

export async function signIn(testApp: TestApp, email: string, password = STAFF_PASSWORD): Promise<StaffAgent> {
  const agent = request.agent(testApp.app.getHttpServer());
  const response = await agent.post('/api/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  const session = response.body as StaffSession;
  const csrf = { 'X-CSRF-Token': session.csrfToken };
  return {
    session,
    email,
    agent,
    get: (path) => agent.get(path),
    post: (path, body) =>
      agent
        .post(path)
        .set(csrf)
        .send(body as object),
    put: (path, body) =>
      agent
        .put(path)
        .set(csrf)
        .send(body as object),
    patch: (path, body) =>
      agent
        .patch(path)
        .set(csrf)
        .send(body as object),
  };
}

/** A new staff member of this role, signed in. */
export async function staffAgent(testApp: TestApp, role: StaffRole): Promise<StaffAgent> {
  return signIn(testApp, await createStaff(testApp, role));
}

/**
 * Gives a draft survey that asks for free text a research key (issue 17), as the designer does
 * before opening; does nothing for other surveys. Returns the key pair, to read sealed texts.
 */
export async function giveResearchKey(agent: StaffAgent, surveyId: string): Promise<ResearchKeyPair | null> {
  const detail = (await agent.get(`/api/surveys/${surveyId}`)).body as SurveyDetail;
  if (detail.status !== 'draft' || !detail.hasFreeText || detail.researchPublicKey) return null;
  const keys = generateResearchKeyPair();
  const response = await agent.put(`/api/surveys/${surveyId}/research-key`, { publicKey: keys.publicKey });
  if (response.status !== 200) throw new Error(`research key not set: ${response.status} ${JSON.stringify(response.body)}`);
  return keys;
}
