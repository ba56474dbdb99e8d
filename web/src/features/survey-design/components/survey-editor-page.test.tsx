import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_SURVEY_DEFINITION, type SurveyDetail } from '@candor/shared';
import { surveysApi } from '../api/surveys-api';
import { SurveyEditorPage } from './survey-editor-page';

const session = vi.hoisted(() => ({ user: { role: 'researcher' }, expired: () => undefined }));
vi.mock('../../../lib/staff/staff-session', () => ({ useStaffSession: () => session }));

const survey = {
  id: 's1',
  slug: 'impact',
  title: 'Impact',
  status: 'open',
  currentVersion: 1,
  locales: ['en'],
  definition: DEMO_SURVEY_DEFINITION,
  settingsLocked: true,
  responseCount: { atLeast: 0, step: 11, floorReached: false },
  privacy: { k: 11, minResponses: 100, minGroup: 40, timeGranularity: 'day', retentionDays: 365, crosstabs: [], perturbation: 'none' },
} as unknown as SurveyDetail;

function renderEditor(role: string) {
  session.user = { role };
  vi.spyOn(surveysApi, 'detail').mockResolvedValue(survey);
  const router = createMemoryRouter([{ path: '/staff/surveys/:id', element: <SurveyEditorPage /> }], {
    initialEntries: ['/staff/surveys/s1'],
  });
  return render(<RouterProvider router={router} />);
}

describe('the survey editor is role-aware', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows researchers the editing controls and no publish link', async () => {
    renderEditor('researcher');
    await screen.findByRole('heading', { name: 'Impact' });
    expect(screen.queryByRole('link', { name: 'Publish findings' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
  });

  it('shows organizers the publish link and no editing controls', async () => {
    renderEditor('organizer');
    await screen.findByRole('heading', { name: 'Impact' });
    expect(screen.getByRole('link', { name: 'Publish findings' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
