import { createVisibility, freeTextFields, isLastForeseeablePage, localize, pageProgress, type PageJson } from '@candor/shared';
import { encodeState, type FormState } from './form-state';
import { flatten, questionTitle } from './form-navigation';
import type { LeanResult, LoadedSurvey } from './loaded-survey';
import { pageHtml, privacyNotice, questionFieldId, type Enhancement, type PageView, type RenderedElement } from './render';
import { hasSealedText, withoutSealedTexts } from './sealed-texts';

/** What a form page says besides the questions: problems, a banner, the outreach code typed so far. */
export interface PageOptions {
  /** Question → why its answer was refused. */
  readonly errors?: Readonly<Record<string, string>>;
  readonly outreachInput?: string;
  readonly banner?: { tone: 'info' | 'warning'; lines: string[] };
  readonly outreachError?: string;
  readonly enhance?: Enhancement;
  /** Question → what its free text looks like it identifies. */
  readonly identifying?: Readonly<Record<string, string>>;
}

/**
 * The page on screen (the last of `state.pages`) with the answers so far; the hidden field
 * carries the state on. `proofOfWork`: whether this server asks for one (the page's script
 * then solves it while the respondent answers).
 */
export function formPage(survey: LoadedSurvey, state: FormState, proofOfWork: boolean, options: PageOptions = {}): LeanResult {
  const errors = options.errors ?? {};
  const current = state.pages.at(-1) ?? 0;
  const page = survey.pages[current] as PageJson;
  const elements = pageElements(survey, state, page, errors, options.identifying ?? {});
  const shown = elements.flatMap((e) => (e.kind === 'question' ? [e.spec.name] : []));
  // Without scripts the button cannot change with the answers: "Send" only where no page could follow.
  const isLast = isLastForeseeablePage(survey.definition, current) || state.endedOn === current;
  // Until a proof arrives, the form asks the page's script (if any) to solve one while the respondent answers.
  const challenge =
    proofOfWork && state.proof === undefined ? `/api/public/surveys/${encodeURIComponent(survey.slug)}/challenge` : undefined;
  const first = state.pages.length === 1;
  const next: FormState = { ...state, shown };
  const hasErrors = Object.keys(errors).length > 0;
  return {
    status: hasErrors ? 400 : 200,
    html: pageHtml({
      lang: survey.lang,
      languages: survey.languages,
      slug: survey.slug,
      surveyTitle: first && survey.definition.title !== undefined ? localize(survey.definition.title, survey.lang) : undefined,
      pageTitle: page.title !== undefined ? localize(page.title, survey.lang) : undefined,
      progress: pageProgress(survey.definition, current),
      elements,
      notice: first ? privacyNotice(survey.privacy, survey.protection, survey.lang) : undefined,
      banner: options.banner,
      problems: problemList(elements, survey.lang),
      enhance: options.enhance,
      hidden: { state: encodeState(next) },
      canGoBack: state.pages.length > 1,
      isLast,
      challenge,
      outreachCode:
        survey.protection.outreachCode && (first || isLast)
          ? { value: options.outreachInput ?? '', error: options.outreachError }
          : undefined,
      freeText: freeTextSealing(survey),
    }),
  };
}

/** The page's HTML blocks and questions that skip logic shows, each with its answer and problem. */
function pageElements(
  survey: LoadedSurvey,
  state: FormState,
  page: PageJson,
  errors: Readonly<Record<string, string>>,
  identifying: Readonly<Record<string, string>>,
): RenderedElement[] {
  const visibility = createVisibility(state.answers, survey.evaluate);
  // Free text sealed already (a page left, or sealed by the boot script) is never shown again: the field is empty, a note says it is kept.
  const shownAnswers = withoutSealedTexts(survey, state.answers);
  const elements: RenderedElement[] = [];
  for (const element of flatten(page.elements ?? [])) {
    if (element.type === 'html') {
      if (element.visible === false || (typeof element.visibleIf === 'string' && !visibility.test(element.visibleIf))) continue;
      elements.push({ kind: 'html', html: localize(element['html'] as Parameters<typeof localize>[0], survey.lang) });
      continue;
    }
    const spec = typeof element.name === 'string' ? survey.compiled.questions.get(element.name) : undefined;
    if (!spec || !visibility.question(spec)) continue;
    elements.push({
      kind: 'question',
      element,
      spec,
      answers: shownAnswers,
      sealedKept: shownAnswers !== state.answers && hasSealedText(survey, spec.name, state.answers),
      error: errors[spec.name],
      visibleChoices: spec.choices.filter((choice) => visibility.choice(choice)),
      identifying: identifying[spec.name],
    });
  }
  return elements;
}

/** The problems listed at the top of the form, each linking to its question. */
function problemList(elements: readonly RenderedElement[], lang: string): PageView['problems'] {
  return elements.flatMap((e) =>
    e.kind === 'question' && e.error
      ? [{ target: questionFieldId(e.spec.name), text: `${questionTitle(e.element, e.spec.name, lang)}: ${e.error}` }]
      : [],
  );
}

/** The research key and the fields the boot script seals before sending (issue 17); none without a key. */
function freeTextSealing(survey: LoadedSurvey): PageView['freeText'] {
  if (!survey.researchKey) return undefined;
  return {
    researchKey: survey.researchKey,
    // Choice fields that take values of the respondent's own are sealed on receipt: sealing the choice would lose it.
    fields: freeTextFields(survey.compiled)
      .filter((field) => !field.offered)
      .map((field) => field.key),
  };
}
