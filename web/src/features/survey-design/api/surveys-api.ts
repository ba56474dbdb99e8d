import type {
  CreateSurveyRequest,
  DefinitionChange,
  DefinitionCheckResult,
  FieldingMonitor,
  ImportTranslationsResult,
  PlannedRelease,
  PrivacySettings,
  SurveyDefinition,
  SurveyDetail,
  SurveySummary,
  SurveyVersionSummary,
  TranslationsView,
  UpdateDefinitionResult,
  UpdateSurveyRequest,
} from '@candor/shared';
import { api } from '../../../lib/api-client';

const base = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export const surveysApi = {
  list: () => api.get<SurveySummary[]>('/api/surveys'),
  create: (body: CreateSurveyRequest) => api.post<SurveyDetail>('/api/surveys', body),
  detail: (id: string) => api.get<SurveyDetail>(base(id)),
  update: (id: string, body: UpdateSurveyRequest) => api.patch<SurveyDetail>(base(id), body),
  saveDefinition: (id: string, definition: SurveyDefinition, baseVersion: number) =>
    api.put<UpdateDefinitionResult>(`${base(id)}/definition`, { definition, baseVersion }),
  check: (definition: SurveyDefinition) => api.post<DefinitionCheckResult>('/api/surveys/check-definition', { definition }),
  plan: (id: string, settings: PrivacySettings, responses: number) =>
    api.post<PlannedRelease[]>(`${base(id)}/publications/plan`, { ...settings, responses }),
  saveSettings: (id: string, settings: PrivacySettings) => api.put<SurveyDetail>(`${base(id)}/settings`, settings),
  setResearchKey: (id: string, publicKey: string) => api.put<SurveyDetail>(`${base(id)}/research-key`, { publicKey }),
  open: (id: string) => api.post<SurveyDetail>(`${base(id)}/open`),
  close: (id: string) => api.post<SurveyDetail>(`${base(id)}/close`),
  versions: (id: string) => api.get<SurveyVersionSummary[]>(`${base(id)}/versions`),
  diff: (id: string, number: number) =>
    api.get<{ from: number; to: number; changes: DefinitionChange[] }>(`${base(id)}/versions/${number}/diff`),
  version: (id: string, number: number) =>
    api.get<{ number: number; id: string; definition: SurveyDefinition }>(`${base(id)}/versions/${number}`),
  translations: (id: string) => api.get<TranslationsView>(`${base(id)}/translations`),
  saveTranslations: (id: string, locale: string, texts: Record<string, string>, baseVersion: number) =>
    api.put<UpdateDefinitionResult>(`${base(id)}/translations`, { locale, texts, baseVersion }),
  importTranslations: (id: string, locale: string, csv: string, baseVersion: number) =>
    api.post<ImportTranslationsResult>(`${base(id)}/translations/import`, { locale, csv, baseVersion }),
  monitor: (id: string) => api.get<FieldingMonitor>(`${base(id)}/monitor`),
};

/** Offers text as a file download, built in the browser (nothing is sent anywhere). */
export function downloadText(filename: string, text: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Offers a definition as a JSON file download, built in the browser (nothing is sent anywhere). */
export function downloadJson(filename: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
