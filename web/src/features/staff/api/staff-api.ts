import type { AuditEvent, CreateStaffUserRequest, StaffUser, SurveySummary, UpdateStaffUserRequest } from '@candor/shared';
import { api } from '../../../lib/api-client';

export const staffApi = {
  users: () => api.get<StaffUser[]>('/api/staff-users'),
  createUser: (body: CreateStaffUserRequest) => api.post<StaffUser>('/api/staff-users', body),
  updateUser: (id: string, body: UpdateStaffUserRequest) => api.patch<StaffUser>(`/api/staff-users/${id}`, body),
  surveys: () => api.get<SurveySummary[]>('/api/surveys'),
  audit: (limit = 200) => api.get<AuditEvent[]>(`/api/audit-events?limit=${limit}`),
};
