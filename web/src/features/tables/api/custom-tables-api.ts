import type { CustomTableQuestion, CustomTableRequest, CustomTableResult, SurveyDetail } from '@candor/shared';
import { api } from '../../../lib/api-client';

const base = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export const customTablesApi = {
  survey: (id: string) => api.get<SurveyDetail>(base(id)),
  questions: (id: string) => api.get<CustomTableQuestion[]>(`${base(id)}/custom-tables/questions`),
  build: (id: string, request: CustomTableRequest) => api.post<CustomTableResult>(`${base(id)}/custom-tables`, request),
};
