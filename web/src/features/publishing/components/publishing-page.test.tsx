import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StaffPreview, SurveyDetail } from '@candor/shared';
import { publicationsApi } from '../api/publications-api';
import { PublishingPage } from './publishing-page';

vi.mock('../../../lib/staff/staff-session', () => {
  const session = { user: { role: 'organizer' }, expired: () => undefined };
  return { useStaffSession: () => session };
});

const survey = {
  id: 's1',
  slug: 'impact',
  title: 'Impact',
  responseCount: { atLeast: 55, step: 11, floorReached: false },
  privacy: { minGroup: 40 },
} as unknown as SurveyDetail;

const held: StaffPreview = {
  snapshot: null,
  canPublish: false,
  blocks: [
    {
      code: 'HELD_BY_TIME_RULE',
      message: 'Held by the time rule: some numbers moved by less than 11 since a release already shown to staff.',
    },
  ],
  held: [],
  suppressions: [],
  audit: null,
  warnings: [],
  comparedWith: 1,
};

function renderPage() {
  return render(
    <MemoryRouter initialEntries={['/staff/surveys/s1/publish']}>
      <Routes>
        <Route path="/staff/surveys/:id/publish" element={<PublishingPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('the publishing page', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the coarse response count and, for a held release, the reason without any number', async () => {
    vi.spyOn(publicationsApi, 'survey').mockResolvedValue(survey);
    vi.spyOn(publicationsApi, 'list').mockResolvedValue([]);
    vi.spyOn(publicationsApi, 'preview').mockResolvedValue(held);
    renderPage();
    expect(await screen.findByText(/at least 55/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview the release' })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Held by the time rule');
    expect(alert.textContent).toMatch(/shows no numbers/);
    expect(screen.queryByText(/Disclosure audit/)).toBeNull();
    expect(screen.queryByText(/Hidden numbers/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish this release' })).toBeNull();
  });
  it('says in place why each hidden number of a publishable preview is hidden, naming the protected one', async () => {
    const snapshot = {
      format: 1,
      survey: { slug: 'impact', title: 'Impact', locales: ['en'] },
      number: 2,
      publishedOn: '2026-12-01',
      window: { from: '2026-11-01', to: '2026-12-01' },
      k: 11,
      perturbation: 'none',
      responses: 120,
      pairs: [],
      tables: [
        {
          id: 'q:screen',
          kind: 'single',
          question: 'screen',
          title: 'Do you screen clients?',
          ordinal: false,
          categories: [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
            { value: 'sometimes', label: 'Sometimes' },
          ],
          n: 120,
          rows: [
            {
              n: 120,
              cells: [
                { category: 'yes', count: 100, percent: 83.3, ci: [75.6, 88.9] },
                { category: 'no', count: null, percent: null, ci: null },
                { category: 'sometimes', count: null, percent: null, ci: null },
              ],
            },
          ],
        },
      ],
    } as const;
    const publishable: StaffPreview = {
      snapshot,
      canPublish: true,
      blocks: [],
      held: [],
      suppressions: [
        { id: 'q:screen:c:sometimes', table: 'q:screen', reason: 'primary' },
        { id: 'q:screen:c:no', table: 'q:screen', reason: 'complementary', protects: 'q:screen:c:sometimes' },
      ],
      audit: { targets: 2, solved: 2, iterations: 2, passed: true, failures: [] },
      warnings: [],
      comparedWith: 1,
    };
    vi.spyOn(publicationsApi, 'survey').mockResolvedValue(survey);
    vi.spyOn(publicationsApi, 'list').mockResolvedValue([]);
    vi.spyOn(publicationsApi, 'preview').mockResolvedValue(publishable);
    const { container } = renderPage();
    await screen.findByText(/at least 55/);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Preview the release' })));
    expect((await screen.findByRole('status')).className).toContain('notice--success');
    const hidden = [...container.querySelectorAll('.preview-frame .hidden-value')].map((cell) => cell.textContent);
    expect(hidden).toEqual(['hidden to protect Sometimes', 'below 11']);
    expect(screen.getByRole('region', { name: 'Why numbers are hidden' }).textContent).toContain('No: hidden to protect Sometimes');
    expect(screen.getByText('Preview of release 2: not published yet', { exact: false })).toBeTruthy();
    expect(screen.queryByText(/Published .*release 2/)).toBeNull();
    expect(screen.getByText(/1 number is below 11\. 1 more is hidden/)).toBeTruthy();
  });
});
