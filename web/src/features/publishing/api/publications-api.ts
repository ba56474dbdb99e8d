import type { PublicationSummary, StaffPreview, SurveyDetail } from '@candor/shared';
import { api } from '../../../lib/api-client';

const base = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export const publicationsApi = {
  survey: (id: string) => api.get<SurveyDetail>(base(id)),
  preview: (id: string) => api.post<StaffPreview>(`${base(id)}/publications/preview`),
  publish: (id: string) => api.post<{ publication: PublicationSummary; preview: StaffPreview }>(`${base(id)}/publications`),
  list: (id: string) => api.get<PublicationSummary[]>(`${base(id)}/publications`),
  republish: (id: string, publicationId: string) =>
    api.post<PublicationSummary>(`${base(id)}/publications/${encodeURIComponent(publicationId)}/republish`),
  withdraw: (id: string, publicationId: string) =>
    api.post<PublicationSummary>(`${base(id)}/publications/${encodeURIComponent(publicationId)}/withdraw`),
};
