import { useEffect, useState } from 'react';
import type { Model } from 'survey-core';

/** Whether the respondent is on the survey's first page (where the privacy notice belongs). */
export function useFirstPage(model: Model | null): boolean {
  const [first, setFirst] = useState(true);
  useEffect(() => {
    if (!model) return undefined;
    const update = () => setFirst(model.isFirstPage);
    update();
    model.onCurrentPageChanged.add(update);
    return () => model.onCurrentPageChanged.remove(update);
  }, [model]);
  return first;
}
