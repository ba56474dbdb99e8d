import { useState } from 'react';
import type { PublicationSummary, StaffPreview } from '@candor/shared';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { publicationsApi } from '../api/publications-api';

/**
 * The survey, its releases and the preview being looked at, with the organizer's actions on
 * them. One action runs at a time (`busy`); a failed one leaves its error.
 */
export function usePublishing(id: string) {
  const { t } = useStaffTranslation();
  const { user } = useStaffSession();
  const survey = useResource(() => publicationsApi.survey(id), [id]);
  const history = useResource(() => publicationsApi.list(id), [id]);
  const [preview, setPreview] = useState<StaffPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const canPublish = user?.role === 'organizer' || user?.role === 'admin';

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const actions = {
    preview: () => run(async () => setPreview(await publicationsApi.preview(id))),
    publish: () =>
      run(async () => {
        const result = await publicationsApi.publish(id);
        setNotice(t('publish.published', { number: result.publication.number }));
        setPreview(null);
        await history.reload();
      }),
    republish: (publication: PublicationSummary) =>
      run(async () => {
        await publicationsApi.republish(id, publication.id);
        setNotice(t('publish.republished', { number: publication.number }));
        await history.reload();
      }),
    withdraw: (publication: PublicationSummary) =>
      run(async () => {
        await publicationsApi.withdraw(id, publication.id);
        await history.reload();
      }),
  };

  return { survey, history: history.data, preview, busy, error, notice, canPublish, actions };
}

export type ReleaseActions = ReturnType<typeof usePublishing>['actions'];

/** The release the public page shows: the highest-numbered publication, unless it was withdrawn. */
export function currentRelease(history: readonly PublicationSummary[] | null): number | null {
  const latest = history?.[0];
  return latest && !latest.withdrawnAt ? (latest.republishes ?? latest.number) : null;
}
