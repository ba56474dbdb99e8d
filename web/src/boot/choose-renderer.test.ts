import { describe, expect, it } from 'vitest';
import { chooseRenderer } from './choose-renderer';

describe('whether SurveyJS can arrive in time', () => {
  it('keeps the light page on slow 3G and on a 4G-class link (round trips of 400 and 150 ms)', () => {
    expect(chooseRenderer({ roundTripMs: 420, effectiveType: '4g', downlinkMbps: 10 })).toBe('light');
    expect(chooseRenderer({ roundTripMs: 160 })).toBe('light');
  });

  it('keeps the light page when the browser reports data saving, a slow connection type or a thin downlink', () => {
    expect(chooseRenderer({ roundTripMs: 20, saveData: true })).toBe('light');
    expect(chooseRenderer({ roundTripMs: 20, effectiveType: '3g' })).toBe('light');
    expect(chooseRenderer({ roundTripMs: 20, effectiveType: '4g', downlinkMbps: 1.6 })).toBe('light');
  });

  it('keeps the light page when nothing was measured', () => {
    expect(chooseRenderer({})).toBe('light');
    expect(chooseRenderer({ roundTripMs: Number.NaN })).toBe('light');
  });

  it('loads SurveyJS on a fast link, with or without the Network Information API', () => {
    expect(chooseRenderer({ roundTripMs: 40, effectiveType: '4g', downlinkMbps: 10 })).toBe('surveyjs');
    expect(chooseRenderer({ roundTripMs: 40 })).toBe('surveyjs');
  });

  it("follows the address's own choice", () => {
    expect(chooseRenderer({ requested: 'surveyjs', roundTripMs: 900 })).toBe('surveyjs');
    expect(chooseRenderer({ requested: 'light', roundTripMs: 5 })).toBe('light');
    expect(chooseRenderer({ requested: 'other', roundTripMs: 5 })).toBe('surveyjs');
  });
});
