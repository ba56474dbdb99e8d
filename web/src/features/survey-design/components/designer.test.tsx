import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_SURVEY_DEFINITION, type SurveyDefinition } from '@candor/shared';
import { normalizeDefinition } from '../model/definition-model';
import { Designer } from './designer';
import { JsonTab } from './json-tab';

vi.mock('../../../lib/staff/staff-session', () => ({ useStaffSession: () => ({ expired: () => undefined }) }));

let latest: SurveyDefinition = DEMO_SURVEY_DEFINITION;

function Harness({ initial }: { initial: SurveyDefinition }) {
  const [definition, setDefinition] = useState(() => normalizeDefinition(initial));
  latest = definition;
  return (
    <MemoryRouter>
      <Designer
        definition={definition}
        locales={['en', 'es']}
        onChange={(next) => {
          latest = next;
          setDefinition(next);
        }}
      />
    </MemoryRouter>
  );
}

const names = () => (latest.pages ?? []).map((page) => (page.elements ?? []).map((e) => e.name));

describe('the designer', () => {
  beforeEach(() => vi.spyOn(window, 'confirm').mockReturnValue(true));
  afterEach(() => vi.restoreAllMocks());

  it('adds a question to a page and selects it for editing', async () => {
    render(<Harness initial={DEMO_SURVEY_DEFINITION} />);
    const page1 = screen.getByRole('region', { name: 'Page 1' });
    fireEvent.change(within(page1).getByRole('combobox', { name: /Add/ }), { target: { value: 'multiple' } });
    await act(async () => fireEvent.click(within(page1).getByRole('button', { name: 'Add' })));
    expect(names()[0]).toEqual(['adult', 'question']);
    expect(screen.getByDisplayValue('question')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /^Question text/ }), { target: { value: 'Which apps do you use?' } });
    expect(latest.pages?.[0]?.elements?.[1]?.title).toEqual({ default: 'Which apps do you use?' });
  });

  it('adds a before/after pair as two linked questions', async () => {
    render(<Harness initial={DEMO_SURVEY_DEFINITION} />);
    const page2 = screen.getByRole('region', { name: 'Page 2' });
    fireEvent.change(within(page2).getByRole('combobox', { name: /Add/ }), { target: { value: 'pair' } });
    await act(async () => fireEvent.click(within(page2).getByRole('button', { name: 'Add' })));
    expect(names()[1]).toEqual(expect.arrayContaining(['change__before', 'change__after']));
    expect(screen.getByText(/Both halves share their answers/)).toBeTruthy();
  });

  it('moves a question down and deletes it', async () => {
    render(<Harness initial={DEMO_SURVEY_DEFINITION} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Move down: screened_clients__before' })));
    expect(names()[1]?.slice(0, 2)).toEqual(['screened_clients__after', 'screened_clients__before']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete: safety_tools' })));
    expect(names().flat()).not.toContain('safety_tools');
  });

  it('sets skip logic without writing an expression', async () => {
    render(<Harness initial={DEMO_SURVEY_DEFINITION} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /Did you tell anyone about it/ })));
    const editor = document.querySelector('.question-editor') as HTMLElement;
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Show' }), { target: { value: 'equals' } });
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Depends on question' }), {
      target: { value: 'screened_clients__after' },
    });
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Answer' }), { target: { value: 'no' } });
    const question = latest.pages?.[2]?.elements?.find((e) => e.name === 'incident_reported');
    expect(question?.visibleIf).toBe("{screened_clients__after} = 'no'");
    fireEvent.change(within(editor).getByRole('combobox', { name: 'Show' }), { target: { value: 'always' } });
    expect(latest.pages?.[2]?.elements?.find((e) => e.name === 'incident_reported')?.visibleIf).toBeUndefined();
  });

  it('renders the live preview of the current definition', async () => {
    render(<Harness initial={DEMO_SURVEY_DEFINITION} />);
    expect(await screen.findByText('Are you 18 or older?', { selector: '.preview *' })).toBeTruthy();
  });
});

describe('the JSON tab', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('round-trips the definition: what it shows parses back to the same survey', async () => {
    const onApply = vi.fn();
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ valid: true, problems: [], warnings: [], questionCount: 6, pairs: ['screened_clients'] }), {
        status: 200,
      }),
    );
    render(
      <MemoryRouter>
        <JsonTab definition={DEMO_SURVEY_DEFINITION} onApply={onApply} />
      </MemoryRouter>,
    );
    const textarea = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'SurveyJS JSON' });
    expect(JSON.parse(textarea.value)).toEqual(DEMO_SURVEY_DEFINITION);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply' })));
    expect(onApply).toHaveBeenCalledWith(DEMO_SURVEY_DEFINITION);
    expect(await screen.findByText('Valid: 6 questions, 1 before/after pairs.')).toBeTruthy();
  });

  it('shows every problem the server finds and does not apply an invalid definition', async () => {
    const onApply = vi.fn();
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          valid: false,
          problems: [{ path: 'elements[0].type', message: 'question type "file" is not supported' }],
          warnings: [],
          questionCount: 0,
          pairs: [],
        }),
        { status: 200 },
      ),
    );
    render(
      <MemoryRouter>
        <JsonTab definition={DEMO_SURVEY_DEFINITION} onApply={onApply} />
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'SurveyJS JSON' }), {
      target: { value: '{"elements":[{"type":"file","name":"f"}]}' },
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply' })));
    expect(onApply).not.toHaveBeenCalled();
    expect(await screen.findByText(/is not supported/)).toBeTruthy();
  });

  it('reports JSON that does not parse', async () => {
    render(
      <MemoryRouter>
        <JsonTab definition={DEMO_SURVEY_DEFINITION} onApply={vi.fn()} />
      </MemoryRouter>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'SurveyJS JSON' }), { target: { value: '{"pages": [' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check' })));
    expect(await screen.findByText(/Not valid JSON/)).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
