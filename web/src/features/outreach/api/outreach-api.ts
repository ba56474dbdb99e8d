import type { CreatedOutreachBatch, OutreachBatch, OutreachDevice, SurveyDetail } from '@candor/shared';
import { api } from '../../../lib/api-client';

const base = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export const outreachApi = {
  survey: (id: string) => api.get<SurveyDetail>(base(id)),
  batches: (id: string) => api.get<OutreachBatch[]>(`${base(id)}/outreach-batches`),
  create: (id: string, size: number, label: string) => api.post<CreatedOutreachBatch>(`${base(id)}/outreach-batches`, { size, label }),
  devices: (id: string) => api.get<OutreachDevice[]>(`${base(id)}/outreach-devices`),
  revokeDevice: (id: string, deviceId: string) => api.post(`${base(id)}/outreach-devices/${encodeURIComponent(deviceId)}/revoke`),
};
