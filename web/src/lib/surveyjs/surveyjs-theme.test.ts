// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';

describe('the static SurveyJS theme stylesheet', () => {
  it('matches what survey-core would inject at run time (regenerate after upgrading survey-core)', () => {
    const css = readFileSync(fileURLToPath(new URL('./surveyjs-theme.generated.css', import.meta.url)), 'utf8');
    expect(css.includes(new Model({}).themeStyle)).toBe(true);
  });
});
