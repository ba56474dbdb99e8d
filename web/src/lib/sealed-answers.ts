/**
 * Free text sealed on the respondent's device before it is sent (issue 17). Every page that
 * sends answers — the SurveyJS page, the server-rendered page's boot script, the outreach
 * tablet's queue — seals through here (the boot script through `sealed-text-field.ts`), so the server and its database never hold free text
 * that only the research team's key can open.
 */
import { compileSurvey, sealFreeText, type CompiledSurvey, type PublicSurvey } from '@candor/shared';

const compiledByVersion = new Map<string, CompiledSurvey>();

function compiledFor(survey: Pick<PublicSurvey, 'versionId' | 'definition'>): CompiledSurvey {
  let compiled = compiledByVersion.get(survey.versionId);
  if (!compiled) {
    compiled = compileSurvey(survey.definition);
    compiledByVersion.set(survey.versionId, compiled);
  }
  return compiled;
}

/**
 * The answers as they are sent: every free text sealed to the survey's research key (none to
 * seal without one). Call it once per submission and resend its result on a retry, so the
 * server recognises the same ciphertext as the same submission.
 */
export function sealAnswersForSending(
  survey: Pick<PublicSurvey, 'versionId' | 'definition' | 'researchKey'>,
  answers: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  if (!survey.researchKey) return { ...answers };
  return sealFreeText(compiledFor(survey), answers, survey.researchKey);
}
