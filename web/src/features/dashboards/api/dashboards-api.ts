import type { PublicationSnapshot } from '@candor/shared';
import { api } from '../../../lib/api-client';

export const dashboardsApi = {
  snapshot: (slug: string) => api.get<PublicationSnapshot>(`/api/public/dashboards/${encodeURIComponent(slug)}`),
  csvUrl: (slug: string, locale: string) => `/api/public/dashboards/${encodeURIComponent(slug)}/snapshot.csv?lang=${locale}`,
  jsonUrl: (slug: string) => `/api/public/dashboards/${encodeURIComponent(slug)}/snapshot.json`,
};
