import { buildPolicyImpactSurvey, POLICY_IMPACT_DEFAULTS, type SurveyDefinition } from '@candor/shared';

/** A support resource named at the end of the policy-impact survey. */
export interface Resource {
  name: string;
  contact: string;
}

/** What a researcher fills in to build a survey from the policy-impact template. */
export interface TemplateForm {
  eventName: string;
  eventDate: string;
  withSecond: boolean;
  secondName: string;
  secondDate: string;
  recallMonths: number;
  includeDemographics: boolean;
  organization: string;
  resources: Resource[];
}

export const INITIAL_TEMPLATE_FORM: TemplateForm = {
  eventName: POLICY_IMPACT_DEFAULTS.eventName,
  eventDate: POLICY_IMPACT_DEFAULTS.eventDate,
  withSecond: false,
  secondName: '',
  secondDate: '',
  recallMonths: POLICY_IMPACT_DEFAULTS.recallMonths,
  includeDemographics: true,
  organization: '',
  resources: [],
};

/** The template built from the form; resources left without a name are dropped. */
export function templateDefinition(form: TemplateForm): SurveyDefinition {
  return buildPolicyImpactSurvey({
    eventName: form.eventName,
    eventDate: form.eventDate,
    secondEvent: form.withSecond ? { name: form.secondName, date: form.secondDate } : undefined,
    recallMonths: form.recallMonths,
    includeDemographics: form.includeDemographics,
    organization: form.organization || undefined,
    resources: form.resources.filter((r) => r.name.trim() !== ''),
  });
}
