import type { PageJson, SurveyDefinition } from '../definition/survey-definition';
import { POLICY_IMPACT_DEFAULTS, type PolicyImpactConfig } from './policy-impact/config';
import { aboutYouPage, anythingElsePage, policePage, safetyPage, servicesPage } from './policy-impact/safety-pages';
import { escapeHtml, readWording, t, type TemplateWording } from './policy-impact/wording';
import { bargainingPage, incomeClientsPage, periodsPage, screeningPage, welcomePage, workContextPage } from './policy-impact/work-pages';

export { formatEventDate, POLICY_IMPACT_DEFAULTS, type PolicyImpactConfig } from './policy-impact/config';

/**
 * The policy-impact template, in English and Spanish: how screening,
 * income, clients, bargaining power, safety and access to services changed between a
 * fixed window before a policy change and the most recent window.
 *
 * Never asked: names, contact details, city or postcode, exact income, dates of
 * incidents, usernames or ad links. Before/after items follow the pair convention
 * (`<stem>__before` / `<stem>__after`), and every "before" item is shown only to
 * respondents who worked in that period (the qualifying pair `worked__*`).
 *
 * Each page is built by its own function in `policy-impact/`; this file puts them in order.
 */

/** Builds the template's SurveyJS definition for one policy change. */
export function buildPolicyImpactSurvey(config: PolicyImpactConfig): SurveyDefinition {
  const wording = readWording(config);
  const pages: PageJson[] = [
    welcomePage(wording),
    periodsPage(wording),
    workContextPage(wording),
    screeningPage(wording),
    incomeClientsPage(wording),
    bargainingPage(wording),
    safetyPage(wording),
    policePage(wording),
    servicesPage(wording),
  ];
  if (config.includeDemographics ?? POLICY_IMPACT_DEFAULTS.includeDemographics) pages.push(aboutYouPage(wording));
  pages.push(anythingElsePage(wording));
  return surveySettings(wording, pages);
}

/** The survey around the pages: title, progress, text limits, and the closing messages with the support resources. */
function surveySettings({ config, eventName }: TemplateWording, pages: PageJson[]): SurveyDefinition {
  const resourceList = resourceListHtml(config);
  return {
    title: t({ en: `How ${eventName} changed our work`, es: `Cómo cambió nuestro trabajo con ${eventName}` }),
    description: t({ en: 'An anonymous community survey', es: 'Una encuesta comunitaria anónima' }),
    locale: 'en',
    showQuestionNumbers: 'off',
    showProgressBar: 'top',
    // By pages the respondent can foresee (Candor's pages count them the same way on both paths).
    progressBarType: 'pages',
    clearInvisibleValues: 'onHidden',
    maxTextLength: 1000,
    completedHtml: t({
      en: `<h3>Thank you</h3><p>Your answers were received. Nothing about you was stored with them.</p>${resourceList ? `<p>If you need support:</p>${resourceList}` : ''}`,
      es: `<h3>Gracias</h3><p>Recibimos tus respuestas. No se guardó nada sobre ti junto con ellas.</p>${resourceList ? `<p>Si necesitas apoyo:</p>${resourceList}` : ''}`,
    }),
    // Under 18: the screen-out message, not "your answers were received".
    completedHtmlOnCondition: [
      {
        expression: "{adult} = 'no'",
        html: t({
          en: `<h3>This survey is only for adults</h3><p>Thank you for your interest.</p>${resourceList ? `<p>If you need support:</p>${resourceList}` : ''}`,
          es: `<h3>Esta encuesta es solo para personas adultas</h3><p>Gracias por tu interés.</p>${resourceList ? `<p>Si necesitas apoyo:</p>${resourceList}` : ''}`,
        }),
      },
    ],
    candorTemplate: { id: 'policy-impact', version: 1, config: { ...config } },
    pages,
  };
}

/** The support resources as a list, or nothing when there are none. */
function resourceListHtml(config: PolicyImpactConfig): string {
  const resources = config.resources ?? [];
  return resources.length > 0
    ? `<ul>${resources.map((r) => `<li><strong>${escapeHtml(r.name)}</strong>: ${escapeHtml(r.contact)}</li>`).join('')}</ul>`
    : '';
}
