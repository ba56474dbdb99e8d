import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { CreateSurveyRequest } from '@candor/shared';
import { surveysApi } from '../api/surveys-api';

/**
 * Creating a survey, then opening it in the editor. `request` is built at submit time, so an
 * error building it (such as JSON that does not parse) shows like a refusal from the server.
 */
export function useCreateSurvey(request: () => CreateSurveyRequest) {
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await surveysApi.create(request());
      void navigate(`/staff/surveys/${created.id}`);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return { submit, error, busy };
}
