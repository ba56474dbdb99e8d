import { useState, type FormEvent } from 'react';
import type { CreatedOutreachBatch } from '@candor/shared';
import { useResource } from '../../../lib/staff/use-resource';
import { outreachApi } from '../api/outreach-api';

/** The survey's code batches, and making a new one; its codes are kept in memory only, to print once. */
export function useOutreachBatches(id: string) {
  const survey = useResource(() => outreachApi.survey(id), [id]);
  const batches = useResource(() => outreachApi.batches(id), [id]);
  const [created, setCreated] = useState<CreatedOutreachBatch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const create = async (event: FormEvent, size: number, label: string) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setCreated(await outreachApi.create(id, size, label));
      void batches.reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return { survey: survey.data, batches: batches.data, created, error, busy, create };
}
