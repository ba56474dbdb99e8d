import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { DEMO_SURVEY_DEFINITION, generateResearchKeyPair, openSealedText, type PublicSurvey, type SurveyDefinition } from '@candor/shared';
import SurveyPage from './survey-page';

const demo: PublicSurvey = {
  slug: 'demo',
  versionId: '6f1f4a0e-4a52-4a8b-9a53-0c4b8d5b2f10',
  definition: DEMO_SURVEY_DEFINITION,
  locales: ['en', 'es'],
  languageNames: {},
  privacy: { timeGranularity: 'day', retentionDays: 365, k: 11, minResponses: 100 },
  protection: { proofOfWork: false, outreachCode: false },
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
  // On "no" the other pages are hidden: the first page is the last, and its button says it sends.
  const complete = await screen.findByRole('button', { name: /send answers|enviar respuestas/i });
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

    await screen.findByText('This survey is only for adults');
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(url).toBe('/api/public/surveys/demo/responses');
    const body = JSON.parse(String(init.body));
    expect(body).toEqual({
      versionId: demo.versionId,
      answers: { adult: 'no' },
      idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{16,128}$/),
    });
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
    await screen.findByText('This survey is only for adults');
    const first = JSON.parse(String((fetchMock.mock.calls[1] as [string, RequestInit])[1].body));
    const retry = JSON.parse(String((fetchMock.mock.calls[2] as [string, RequestInit])[1].body));
    expect(retry).toEqual(first);
  });

  it('seals free text to the research key before sending, and a retry resends the same ciphertext (issue 17)', async () => {
    const keys = generateResearchKeyPair();
    const withText: PublicSurvey = {
      ...demo,
      researchKey: keys.publicKey,
      definition: { pages: [{ name: 'p', elements: [{ type: 'comment', name: 'story', title: 'Your story' }] }] },
    };
    fetchMock
      .mockResolvedValueOnce(json(200, withText))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(json(201, { status: 'received' }));
    renderAt('/s/demo');
    const box = await screen.findByRole('textbox', { name: /Your story/ });
    await act(async () => {
      fireEvent.input(box, { target: { value: 'call me on 555 0100' } });
      fireEvent.blur(box);
    });
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: /send answers/i }));
    });
    await screen.findByText('Your answers were not sent yet');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    });
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3));
    const sent = String((fetchMock.mock.calls[1] as [string, RequestInit])[1].body);
    const retried = String((fetchMock.mock.calls[2] as [string, RequestInit])[1].body);
    expect(sent).not.toContain('555 0100');
    expect(retried).toBe(sent);
    const story = (JSON.parse(sent) as { answers: { story: string } }).answers.story;
    expect(story.startsWith('ct1.')).toBe(true);
    expect(openSealedText(story, keys)).toBe('call me on 555 0100');
  });

  it('explains which answers the server refused and lets the respondent go back', async () => {
    fetchMock.mockResolvedValueOnce(json(200, demo)).mockResolvedValueOnce(
      json(400, {
        code: 'INVALID_ANSWERS',
        message: '1 answer',
        details: [{ path: 'adult', code: 'REQUIRED', message: 'this question must be answered' }],
      }),
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
    await screen.findByText('This survey is only for adults');
    expect(window.localStorage.length).toBe(0);
    expect(window.sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });
  it('shows the privacy notice, generated from the settings, before the first question', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { ...demo, privacy: { ...demo.privacy, retentionDays: 90, timeGranularity: 'month' } }));
    renderAt('/s/demo');
    const notice = await screen.findByRole('region', { name: 'Before you start: your privacy' });
    expect(notice.textContent).toContain('deleted 90 days after the survey closes');
    expect(notice.textContent).toContain('the month you answered');
    const question = screen.getByText('Are you 18 or older?');
    expect(notice.compareDocumentPosition(question) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Quick exit' })).toBeTruthy();
  });

  it('opens "staying safe online" inside the page and comes back to the same answers', async () => {
    fetchMock.mockResolvedValueOnce(json(200, demo));
    renderAt('/s/demo');
    const yes = await screen.findByRole('radio', { name: 'Yes' });
    await act(async () => {
      fireEvent.click(yes);
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Staying safe' }));
    });
    const heading = await screen.findByRole('heading', { name: 'Staying safe online' });
    expect(document.activeElement).toBe(heading);
    expect(screen.queryByRole('radio', { name: 'Yes' })).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Back to the survey' }));
    });
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Yes' }).checked).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('counts pages the respondent can foresee, and the first button says "Next" until the answers end the survey', async () => {
    fetchMock.mockResolvedValueOnce(json(200, demo));
    renderAt('/s/demo');
    expect(await screen.findByRole('heading', { name: 'Page 1 of 3' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /send answers|complete/i })).toBeNull();
    await act(async () => {
      fireEvent.click(await screen.findByRole('radio', { name: 'Yes' }));
    });
    await act(async () => {
      fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    });
    const second = await screen.findByRole('heading', { name: 'Page 2 of 3' });
    await waitFor(() => expect(document.activeElement).toBe(second));
  });

  it('warns beside a free-text box when the text looks identifying — on the device, sending nothing', async () => {
    const definition: SurveyDefinition = {
      pages: [{ name: 'p', elements: [{ type: 'comment', name: 'comments', title: 'Anything else?' }] }],
    };
    fetchMock.mockResolvedValueOnce(json(200, { ...demo, definition }));
    const { container } = renderAt('/s/demo');
    const box = await screen.findByRole<HTMLTextAreaElement>('textbox');
    expect(box.getAttribute('autocomplete')).toBe('off');
    expect(box.getAttribute('spellcheck')).toBe('false');
    await act(async () => {
      fireEvent.input(box, { target: { value: 'text me on 401 555 0199 or @rosa_w' } });
      fireEvent.blur(box);
    });
    await waitFor(() => expect(container.textContent).toContain('This looks like it could identify someone (a username, a phone number)'));
    await act(async () => {
      fireEvent.input(box, { target: { value: 'it got harder after the sites closed' } });
    });
    await waitFor(() => expect(container.textContent).not.toContain('could identify someone'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('solves the proof-of-work challenge while the respondent answers and sends it with the answers', async () => {
    const secret = 'a-test-secret-of-enough-length-0123456789';
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: 300,
      deriveKey,
      hmacSignatureSecret: secret,
      hmacKeySignatureSecret: `${secret}-keys`,
      data: { survey: 'demo' },
    });
    fetchMock
      .mockResolvedValueOnce(json(200, { ...demo, protection: { proofOfWork: true, outreachCode: false } }))
      .mockResolvedValueOnce(json(200, challenge))
      .mockResolvedValueOnce(json(201, { status: 'received' }));
    renderAt('/s/demo');
    await answerGateAndComplete('No');
    await screen.findByText('This survey is only for adults', undefined, { timeout: 10_000 });
    expect((fetchMock.mock.calls[1] as [string])[0]).toBe('/api/public/surveys/demo/challenge');
    const body = JSON.parse(String((fetchMock.mock.calls[2] as [string, RequestInit])[1].body));
    const payload = JSON.parse(atob(body.proofOfWork));
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      hmacSignatureSecret: secret,
      hmacKeySignatureSecret: `${secret}-keys`,
    });
    expect(result.verified).toBe(true);
  });

  it('asks for the outreach code when the survey needs one, and again when it is refused', async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { ...demo, protection: { proofOfWork: false, outreachCode: true } }))
      .mockResolvedValueOnce(json(403, { code: 'OUTREACH_CODE_INVALID', message: 'x', details: [] }))
      .mockResolvedValueOnce(json(201, { status: 'received' }));
    renderAt('/s/demo');
    expect(await screen.findByLabelText('Code from your card')).toBeTruthy();
    await answerGateAndComplete('No');
    // No code typed: asked for it before anything is sent.
    expect(await screen.findByText('Please type the code from your card before sending.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Code from your card'), { target: { value: 'abcde-23456' } });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    });
    expect(await screen.findByText('This code is not valid or was already used. Check it against your card.')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send answers' }));
    });
    await screen.findByText('This survey is only for adults');
    const body = JSON.parse(String((fetchMock.mock.calls[2] as [string, RequestInit])[1].body));
    expect(body.outreachCode).toBe('abcde-23456');
  });
});
