import { useState } from 'react';
import { useParams } from 'react-router';
import type { ResearchKeyPair } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { freeTextApi } from '../api/free-text-api';
import { FreeTextReader } from './free-text-reader';
import { KeyFileForm } from './key-file-form';

/**
 * The research team's reader (issue 17): the key file is read in this tab, each field's sealed
 * texts are fetched (shuffled, bare) and opened here; the texts go only to this screen and, on
 * request, to a file on this device.
 */
export function FreeTextReaderPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const survey = useResource(() => freeTextApi.survey(id), [id]);
  const fields = useResource(() => freeTextApi.fields(id), [id]);
  const [keys, setKeys] = useState<ResearchKeyPair | null>(null);

  if (survey.loading && !survey.data) return <p>{t('common.loading')}</p>;
  if (!survey.data) return <ErrorNotice error={survey.error} />;

  return (
    <section className="free-text-reader">
      <h1>{t('freeText.title', { title: survey.data.title })}</h1>
      <p>{t('freeText.intro')}</p>
      {!survey.data.researchPublicKey ? (
        <p role="status">{t('freeText.noKeyOnSurvey')}</p>
      ) : !keys ? (
        <KeyFileForm researchPublicKey={survey.data.researchPublicKey} onKeys={setKeys} />
      ) : (
        <FreeTextReader id={id} slug={survey.data.slug} keys={keys} fields={fields} />
      )}
    </section>
  );
}
