import { act, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readResearchKeyFile, sealText, openSealedText, type SurveyDetail } from '@candor/shared';
import { surveysApi } from '../api/surveys-api';
import { ResearchKeyPanel } from './research-key-panel';

const draft = {
  id: 's1',
  slug: 'impact',
  title: 'Impact',
  status: 'draft',
  researchPublicKey: null,
  hasFreeText: true,
} as unknown as SurveyDetail;

describe('the research key panel (issue 17)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('says what losing the key means, makes the key here, stores only its public half and downloads the file once', async () => {
    let stored = '';
    vi.spyOn(surveysApi, 'setResearchKey').mockImplementation(async (_id, publicKey) => {
      stored = publicKey;
      return { ...draft, researchPublicKey: publicKey };
    });
    // The file is made in the browser: catch the Blob it becomes.
    let blob: Blob | null = null;
    URL.createObjectURL = vi.fn((made: Blob) => {
      blob = made;
      return 'blob:key-file';
    });
    URL.revokeObjectURL = vi.fn();
    const changed = vi.fn();
    render(
      <MemoryRouter>
        <ResearchKeyPanel survey={draft} canEdit onChanged={changed} />
      </MemoryRouter>,
    );
    expect(screen.getByText(/If it is lost, the free-text answers cannot be recovered by anyone/)).toBeTruthy();
    expect(screen.getByText(/cannot open until it has a research key/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Make the key and download the file' }));
    });
    await vi.waitFor(() => expect(changed).toHaveBeenCalled());
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blob as unknown as Blob);
    });
    const file = JSON.parse(text) as { secretKey: string };
    expect(surveysApi.setResearchKey).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(vi.mocked(surveysApi.setResearchKey).mock.calls)).not.toContain(file.secretKey);
    const keys = await readResearchKeyFile(JSON.stringify(file));
    expect(keys.publicKey).toBe(stored);
    expect(openSealedText(sealText('a text', stored), keys)).toBe('a text');
  }, 30_000);

  it('shows nothing for a survey without free text and without a key', () => {
    const { container } = render(
      <MemoryRouter>
        <ResearchKeyPanel survey={{ ...draft, hasFreeText: false }} canEdit onChanged={() => undefined} />
      </MemoryRouter>,
    );
    expect(container.textContent).toBe('');
  });
});
