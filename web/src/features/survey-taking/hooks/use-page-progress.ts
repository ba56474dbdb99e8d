import { useEffect, useRef, useState } from 'react';
import type { Model, Question } from 'survey-core';
import { isLastForeseeablePage, pageProgress, type PageProgress, type SurveyDefinition } from '@candor/shared';

/** Elements that show something but take no answer. */
const NO_ANSWER = new Set(['html', 'image', 'expression']);

/**
 * "Page x of y" by the survey's structure (the same count as the no-JS form), which never
 * goes backwards as skip logic reveals or hides pages; the last button says "Send answers"
 * only on a page after which nothing can follow, or once this page's answers end the
 * survey (e.g. an under-18 answer). After Next or Previous, focus moves to the heading.
 */
export function usePageProgress(
  model: Model | null,
  definition: SurveyDefinition | undefined,
  nextText: string,
  sendText: string,
): PageProgress & { readonly headingRef: React.RefObject<HTMLHeadingElement | null> } {
  const [progress, setProgress] = useState<PageProgress>({ current: 1, total: 1 });
  const headingRef = useRef<HTMLHeadingElement | null>(null);

  useEffect(() => {
    if (!model || !definition) return undefined;
    const update = () => {
      const index = model.currentPage ? model.pages.indexOf(model.currentPage) : 0;
      setProgress(pageProgress(definition, index));
      const page = model.currentPage;
      const answered = page
        ? (page.questions as Question[])
            .filter((q: Question) => q.isVisible && !NO_ANSWER.has(q.getType()))
            .every((q: Question) => !q.isEmpty())
        : false;
      const last = isLastForeseeablePage(definition, index) || (model.isLastPage && answered);
      model.completeText = last ? sendText : nextText;
    };
    const moved = () => {
      update();
      window.scrollTo(0, 0);
      headingRef.current?.focus();
    };
    update();
    model.onCurrentPageChanged.add(moved);
    model.onValueChanged.add(update);
    return () => {
      model.onCurrentPageChanged.remove(moved);
      model.onValueChanged.remove(update);
    };
  }, [model, definition, nextText, sendText]);

  return { ...progress, headingRef };
}
