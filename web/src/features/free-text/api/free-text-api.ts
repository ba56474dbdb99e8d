import type { FreeTextFieldSummary, SealedTexts, SurveyDetail } from '@candor/shared';
import { api } from '../../../lib/api-client';

const base = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export const freeTextApi = {
  survey: (id: string) => api.get<SurveyDetail>(base(id)),
  fields: (id: string) => api.get<FreeTextFieldSummary[]>(`${base(id)}/free-text`),
  /** One field's sealed texts, shuffled; the server writes the reading to the audit log. */
  texts: (id: string, key: string) => api.get<SealedTexts>(`${base(id)}/free-text/${encodeURIComponent(key)}`),
};
