import type { PublicSurvey, SubmitResponseRequest, SubmitResponseResult } from '@candor/shared';
import { api } from '../../../lib/api-client';

export function fetchSurvey(slug: string): Promise<PublicSurvey> {
  return api.get<PublicSurvey>(`/api/public/surveys/${encodeURIComponent(slug)}`);
}

export function submitResponse(slug: string, request: SubmitResponseRequest): Promise<SubmitResponseResult> {
  return api.post<SubmitResponseResult>(`/api/public/surveys/${encodeURIComponent(slug)}/responses`, request);
}

/** A fresh random key for one submission; a retry of the same answers reuses it. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
