import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_SURVEY_DEFINITION, type PublicSurvey } from '@candor/shared';
import SurveyPage from './survey-page';

const demo: PublicSurvey = {
  slug: 'demo',
  versionId: '6f1f4a0e-4a52-4a8b-9a53-0c4b8d5b2f10',
  definition: DEMO_SURVEY_DEFINITION,
  locales: ['en', 'es'],
  privacy: { timeGranularity: 'day', retentionDays: 365, k: 11, minResponses: 100 },
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function renderAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/s/:slug" element={<SurveyPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

async function answerGateAndComplete(label: RegExp | string) {
  const yes = await screen.findByRole('radio', { name: label });
  await act(async () => {
    fireEvent.click(yes);
  });
  // On "no" the other pages are hidden, so the first page completes the survey.
  const complete = await screen.findByRole('button', { name: /complete|completar/i });
  await act(async () => {
    fireEvent.click(complete);
  });
}

describe('SurveyPage', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('renders the survey, submits the answers once with an idempotency key and thanks the respondent', async () => {
    fetchMock.mockResolvedValueOnce(json(200, demo)).mockResolvedValueOnce(json(201, { status: 'received' }));
    renderAt('/s/demo');

    expect(await screen.findByText('Are you 18 or older?')).toBeTruthy();
    await answerGateAndComplete('No');

    await screen.findByText('Thank you');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('/api/public/surveys/demo/responses');
    const body = JSON.parse(String(init.body));
    expect(body).toEqual({ versionId: demo.versionId, answers: { adult: 'no' }, idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{16,128}$/) });
  });

  it('shows the survey in Spanish when the URL asks for it', async () => {
    fetchMock.mockResolvedValueOnce(json(200, demo));
    renderAt('/s/demo?lang=es');
    expect(await screen.findByText('¿Tienes 18 años o más?')).toBeTruthy();
  });

  it('keeps the answers and retries with the same key after a network failure', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, demo))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(json(201, { status: 'received' }));
    renderAt('/s/demo');
    await answerGateAndComplete('No');

    await screen.findByText('Your answers were not sent yet');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    });
    await screen.findByText('Thank you');
    const first = JSON.parse(String((fetchMock.mock.calls[1] as [string, RequestInit])[1].body));
    const retry = JSON.parse(String((fetchMock.mock.calls[2] as [string, RequestInit])[1].body));
    expect(retry).toEqual(first);
  });

  it('explains which answers the server refused and lets the respondent go back', async () => {
    fetchMock.mockResolvedValueOnce(json(200, demo)).mockResolvedValueOnce(
      json(400, { code: 'INVALID_ANSWERS', message: '1 answer', details: [{ path: 'adult', code: 'REQUIRED', message: 'this question must be answered' }] }),
    );
    renderAt('/s/demo');
    await answerGateAndComplete('No');

    await screen.findByText('Some answers could not be accepted');
    expect(screen.getByText('Are you 18 or older?')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Back to the answers' }));
    });
    await waitFor(() => expect(screen.getByRole('radio', { name: 'No' })).toBeTruthy());
  });

  it.each([
    [404, 'SURVEY_NOT_FOUND', 'Survey not found'],
    [410, 'SURVEY_CLOSED', 'This survey is closed'],
    [503, 'SERVICE_UNAVAILABLE', 'The survey could not be loaded'],
  ])('shows a friendly page for a %i %s', async (status, code, title) => {
    fetchMock.mockResolvedValueOnce(json(status, { code, message: 'x', details: [] }));
    renderAt('/s/demo');
    expect(await screen.findByText(title)).toBeTruthy();
  });

  it('writes nothing to the device while answering', async () => {
    fetchMock.mockResolvedValueOnce(json(200, demo)).mockResolvedValueOnce(json(201, { status: 'received' }));
    renderAt('/s/demo');
    await answerGateAndComplete('No');
    await screen.findByText('Thank you');
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });
});
