import { checkDefinition } from '../definition/check-definition';
import { compileSurvey } from '../definition/compile-survey';
import { buildPolicyImpactSurvey, formatEventDate } from './policy-impact-template';
import { findQuestionPairs } from './question-pairs';
import { countMissingTranslations, listTranslatableStrings } from '../definition/translations';

const config = { eventName: 'FOSTA-SESTA', eventDate: '2018-04-11' };

describe('the policy-impact template', () => {
  it('compiles, with linked before/after pairs and the qualifying pair', () => {
    const compiled = compileSurvey(buildPolicyImpactSurvey(config));
    const stems = findQuestionPairs(compiled.questions.keys()).map((p) => p.stem);
    expect(stems).toEqual(
      expect.arrayContaining([
        'worked',
        'screened_clients',
        'weekly_income',
        'support_dependants',
        'clients_per_week',
        'insist_condoms',
        'violence',
        'police_harassment',
        'health_services',
      ]),
    );
  });

  it('passes the designer check without warnings', () => {
    expect(checkDefinition(buildPolicyImpactSurvey(config))).toMatchObject({ valid: true, warnings: [] });
  });

  it('names the event and its date in both languages', () => {
    const text = JSON.stringify(buildPolicyImpactSurvey(config));
    expect(text).toContain('In the 3 months before FOSTA-SESTA (11 April 2018)');
    expect(text).toContain('En los 3 meses antes de FOSTA-SESTA (11 de abril de 2018)');
    expect(text).toContain('In the last 3 months');
    expect(text).toContain('were you able to support yourself and your dependants');
    expect(text).toContain('¿pudiste mantenerte a ti y a las personas que dependen de ti');
  });

  it('is fully translated into Spanish', () => {
    const definition = buildPolicyImpactSurvey({
      ...config,
      secondEvent: { name: 'Backpage seizure', date: '2018-04-06' },
      resources: [{ name: 'Hotline', contact: '555' }],
    });
    expect(listTranslatableStrings(definition).length).toBeGreaterThan(150);
    expect(countMissingTranslations(definition, ['en', 'es'])).toEqual({ es: 0 });
  });

  it('offers "Prefer not to say" everywhere except the 18+ gate, which is the only required item', () => {
    const compiled = compileSurvey(buildPolicyImpactSurvey(config));
    for (const question of compiled.questions.values()) {
      if (question.name === 'adult') expect(question.required).toBe(true);
      else if (question.kind === 'single' || question.kind === 'multi') {
        if (!question.navigation)
          expect({ [question.name]: question.choices.some((c) => c.value === 'refused') }).toEqual({ [question.name]: true });
      }
      if (question.name !== 'adult') expect(question.required).toBe(false);
    }
  });

  it('shows each "before" item only to people who worked before, and each "after" item to those who worked after', () => {
    const compiled = compileSurvey(buildPolicyImpactSurvey(config));
    for (const pair of findQuestionPairs(compiled.questions.keys()).filter((p) => p.stem !== 'worked')) {
      expect(compiled.questions.get(pair.before)?.visibleIf).toBe("{worked__before} = 'yes'");
      expect(compiled.questions.get(pair.after)?.visibleIf).toBe("{worked__after} = 'yes'");
    }
  });

  it('puts content notes and a way to skip before the violence and police questions', () => {
    const compiled = compileSurvey(buildPolicyImpactSurvey(config));
    for (const section of ['safety', 'police']) {
      expect(compiled.questions.get(`${section}_skip`)).toBeDefined();
      const inside = [...compiled.questions.values()].filter((q) => q.containers.some((c) => c.name === `${section}_questions`));
      expect(inside.length).toBeGreaterThan(0);
      for (const question of inside) expect(question.containers.at(-1)?.visibleIf).toBe(`{${section}_skip} = 'continue'`);
    }
  });

  it('never asks for names, contact details, places, exact income, dates or usernames', () => {
    const compiled = compileSurvey(buildPolicyImpactSurvey(config));
    const forbidden = /name|email|phone|contact|city|zip|postcode|address|username|handle|link|url|date|exact/i;
    expect([...compiled.questions.keys()].filter((name) => forbidden.test(name))).toEqual([]);
    for (const question of compiled.questions.values()) expect(question.kind).not.toBe('number');
  });

  it('drops the demographics when switched off', () => {
    const compiled = compileSurvey(buildPolicyImpactSurvey({ ...config, includeDemographics: false }));
    expect(compiled.questions.has('age_band')).toBe(false);
    expect(compiled.questions.has('region')).toBe(false);
  });

  it('escapes configured text shown as HTML', () => {
    const definition = buildPolicyImpactSurvey({
      ...config,
      organization: '<script>alert(1)</script>',
      resources: [{ name: '<b>x</b>', contact: '"y"' }],
    });
    const html = JSON.stringify([definition.completedHtml, definition.pages?.[0]?.elements?.[0]?.['html']]);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('keeps the event name as written when describing the periods', () => {
    expect(JSON.stringify(buildPolicyImpactSurvey(config))).toContain('the 3 months before FOSTA-SESTA (11 April 2018)</strong>');
  });

  it('refuses a date that is not a date', () => {
    expect(() => formatEventDate('11/04/2018', 'en')).toThrow(/YYYY-MM-DD/);
    expect(() => buildPolicyImpactSurvey({ ...config, recallMonths: 0 })).toThrow(/recall window/);
  });
});
