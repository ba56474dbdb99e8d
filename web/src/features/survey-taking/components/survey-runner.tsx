import { useEffect } from 'react';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import '../../../lib/surveyjs/setup';

interface SurveyRunnerProps {
  readonly model: Model;
  readonly onComplete: (answers: Record<string, unknown>) => void;
}

/** Renders a SurveyJS model; the handler is attached in an effect and removed on change. */
export function SurveyRunner({ model, onComplete }: SurveyRunnerProps) {
  useEffect(() => {
    const handler = (sender: Model) => onComplete({ ...sender.data });
    model.onComplete.add(handler);
    return () => model.onComplete.remove(handler);
  }, [model, onComplete]);

  return <Survey model={model} />;
}
