import { findIdentifyingDetails, privacyNotice } from './privacy-notice';

describe('the privacy notice', () => {
  const settings = { timeGranularity: 'week' as const, retentionDays: 90, k: 15, minResponses: 200 };

  it('is generated from the real settings, in English and Spanish', () => {
    const en = privacyNotice(settings, { proofOfWork: true, outreachCode: false }, 'en').points.join(' ');
    expect(en).toContain('the week you answered');
    expect(en).toContain('at least 15 people');
    expect(en).toContain('at least 200 people have answered');
    expect(en).toContain('deleted 90 days after the survey closes');
    expect(en).not.toContain('card');
    const es = privacyNotice({ ...settings, timeGranularity: 'month' }, { proofOfWork: true, outreachCode: true }, 'es').points.join(' ');
    expect(es).toContain('el mes en que respondiste');
    expect(es).toContain('al menos 15 personas');
    expect(es).toContain('se borran 90 días');
    expect(es).toContain('tarjeta');
  });

  it('falls back to English for other languages', () => {
    expect(privacyNotice(settings, { proofOfWork: false, outreachCode: false }, 'fr').title).toBe('Before you start: your privacy');
  });
});

describe('identifying details in free text (checked on the device)', () => {
  it.each([
    ['call me on 401 555 0199', ['phone']],
    ['+1 (401) 555-0199', ['phone']],
    ['my email is rosa.m@example.org', ['email']],
    ['find me @rosa_works', ['handle']],
    ['see https://example.com/me', ['link']],
    ['my site is rosaworks.com', ['link']],
    ['I was robbed twice in 2019 and once in 2020', []],
    ['It got harder to screen clients after the sites closed.', []],
    ['$1,000 a week', []],
  ])('%s → %j', (text, kinds) => {
    expect(findIdentifyingDetails(text)).toEqual(kinds);
  });
});
