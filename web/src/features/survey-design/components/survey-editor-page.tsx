import { useParams } from 'react-router';
import type { SurveyDetail } from '@candor/shared';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useEditorTab } from '../hooks/use-editor-tab';
import { useLeaveGuard } from '../hooks/use-leave-guard';
import { useSurveyActions } from '../hooks/use-survey-actions';
import { useSurveyDraft } from '../hooks/use-survey-draft';
import { Designer } from './designer';
import { FieldingMonitor } from './fielding-monitor';
import { IdentifyingWarnings } from './identifying-warnings';
import { JsonTab } from './json-tab';
import { ResearchKeyPanel } from './research-key-panel';
import { SettingsTab } from './settings-tab';
import { StatusBadge } from './status-badge';
import { SaveBar, StaleNotice } from './survey-editor-notices';
import { SurveyEditorTabs } from './survey-editor-tabs';
import { SurveyEditorToolbar } from './survey-editor-toolbar';
import { TranslationsTab } from './translations-tab';
import { VersionsTab } from './versions-tab';

/** One survey: design, JSON, translations, privacy settings, versions; open and close. */
export function SurveyEditorPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const { user } = useStaffSession();
  const [tab, setTab] = useEditorTab();
  const { survey, draft, dirty, notice, edit, applyResult, discard } = useSurveyDraft(id);
  useLeaveGuard(dirty);
  const { error, setError, stale, setStale, save, transition } = useSurveyActions(survey, draft, applyResult);
  const canEdit = user?.role === 'researcher' || user?.role === 'admin';
  const canPublish = user?.role === 'organizer' || user?.role === 'admin';

  if (survey.loading && !survey.data) return <p>{t('common.loading')}</p>;
  if (!survey.data || !draft) return <ErrorNotice error={survey.error} />;
  const detail: SurveyDetail = survey.data;
  const editing = (tab === 'design' || tab === 'json') && canEdit;

  return (
    <section className="survey-editor">
      <div className="page-heading">
        <h1>{detail.title}</h1>
        <StatusBadge status={detail.status} />
        <span className="hint">
          v{detail.currentVersion} · {t('surveys.responses').toLowerCase()}: {formatCoarseCount(detail.responseCount, t)}
        </span>
      </div>
      <SurveyEditorToolbar
        detail={detail}
        draft={draft}
        dirty={dirty}
        canEdit={canEdit}
        canPublish={canPublish}
        onTransition={(move) => void transition(move)}
      />
      <SurveyEditorTabs label={detail.title} tab={tab} onTab={setTab} />

      {stale && (
        <StaleNotice
          onReload={() => {
            setStale(false);
            discard();
          }}
        />
      )}
      <ErrorNotice error={error} />
      {notice && <p role="status">{notice}</p>}

      {editing && <SaveBar dirty={dirty} onSave={() => void save()} />}

      {editing && <IdentifyingWarnings definition={draft} />}
      {tab === 'design' && <Designer definition={draft} locales={detail.locales} onChange={edit} />}
      {tab === 'json' && <JsonTab definition={draft} onApply={edit} />}
      {tab === 'translations' && <TranslationsTab survey={detail} disabled={dirty || !canEdit} onSaved={applyResult} />}
      {tab === 'settings' && (
        <ResearchKeyPanel
          survey={detail}
          canEdit={canEdit}
          onChanged={(next) => {
            survey.set(next);
            setError(null);
          }}
        />
      )}
      {tab === 'settings' && <SettingsTab survey={detail} readOnly={!canEdit} onSaved={(next) => survey.set(next)} />}
      {tab === 'versions' && <VersionsTab survey={detail} />}
      {tab === 'monitor' && <FieldingMonitor survey={detail} />}
    </section>
  );
}
