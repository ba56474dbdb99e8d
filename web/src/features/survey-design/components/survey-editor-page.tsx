import { useCallback, useEffect, useState } from 'react';
import { Link, useBlocker, useParams, useSearchParams } from 'react-router';
import type { SurveyDefinition, SurveyDetail, UpdateDefinitionResult } from '@candor/shared';
import { ApiError } from '../../../lib/api-client';
import { formatCoarseCount } from '../../../lib/staff/coarse-count';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { downloadJson, surveysApi } from '../api/surveys-api';
import { normalizeDefinition } from '../model/definition-model';
import { Designer } from './designer';
import { FieldingMonitor } from './fielding-monitor';
import { IdentifyingWarnings } from './identifying-warnings';
import { JsonTab } from './json-tab';
import { ResearchKeyPanel } from './research-key-panel';
import { SettingsTab } from './settings-tab';
import { StatusBadge } from './status-badge';
import { TranslationsTab } from './translations-tab';
import { VersionsTab } from './versions-tab';

const TABS = ['design', 'json', 'translations', 'settings', 'versions', 'monitor'] as const;
type Tab = (typeof TABS)[number];

/** One survey: design, JSON, translations, privacy settings, versions; open and close. */
export function SurveyEditorPage() {
  const { id = '' } = useParams();
  const { t } = useStaffTranslation();
  const { user } = useStaffSession();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'design';
  const survey = useResource(() => surveysApi.detail(id), [id]);
  const [draft, setDraft] = useState<SurveyDefinition | null>(null);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(false);
  const canEdit = user?.role === 'researcher' || user?.role === 'admin';
  const canPublish = user?.role === 'organizer' || user?.role === 'admin';

  useEffect(() => {
    if (survey.data && !dirty) setDraft(normalizeDefinition(survey.data.definition));
  }, [survey.data, dirty]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Leaving by the app's own links (not only closing the tab) asks before unsaved edits are lost.
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('editor.confirmLeave'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);

  const edit = useCallback((definition: SurveyDefinition) => {
    setDraft(definition);
    setDirty(true);
    setNotice('');
  }, []);

  const applyResult = (result: UpdateDefinitionResult) => {
    survey.set(result.survey);
    setDirty(false);
    setDraft(normalizeDefinition(result.survey.definition));
    setNotice(result.newVersion ? t('editor.newVersion', { version: result.survey.currentVersion }) : t('editor.savedInPlace'));
  };

  const save = async () => {
    if (!survey.data || !draft) return;
    setError(null);
    try {
      applyResult(await surveysApi.saveDefinition(survey.data.id, draft, survey.data.currentVersion));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'CONFLICT' && caught.body?.details.some((d) => d.path === 'baseVersion'))
        setStale(true);
      else setError(caught);
    }
  };

  const transition = async (move: 'open' | 'close') => {
    if (!survey.data) return;
    if (!window.confirm(move === 'open' ? t('editor.confirmOpen') : t('editor.confirmClose'))) return;
    setError(null);
    try {
      survey.set(move === 'open' ? await surveysApi.open(survey.data.id) : await surveysApi.close(survey.data.id));
    } catch (caught) {
      setError(caught);
    }
  };

  if (survey.loading && !survey.data) return <p>{t('common.loading')}</p>;
  if (!survey.data || !draft) return <ErrorNotice error={survey.error} />;
  const detail: SurveyDetail = survey.data;
  const respondentUrl = `${window.location.origin}/s/${detail.slug}`;

  return (
    <section className="survey-editor">
      <div className="page-heading">
        <h1>{detail.title}</h1>
        <StatusBadge status={detail.status} />
        <span className="hint">
          v{detail.currentVersion} · {t('surveys.responses').toLowerCase()}: {formatCoarseCount(detail.responseCount, t)}
        </span>
      </div>
      <div className="row toolbar">
        <span>
          {t('editor.respondentLink')}: <a href={respondentUrl}>{respondentUrl}</a>
        </span>
        <button
          type="button"
          className="button--secondary"
          onClick={() => downloadJson(`${detail.slug}-v${detail.currentVersion}.json`, draft)}
        >
          {t('editor.export')}
        </button>
        {canPublish && detail.status !== 'draft' && (
          <Link className="button button--secondary" to={`/staff/surveys/${detail.id}/publish`}>
            {t('editor.publishLink')}
          </Link>
        )}
        {detail.status !== 'draft' && (
          <Link className="button button--secondary" to={`/staff/surveys/${detail.id}/tables`}>
            {t('editor.tablesLink')}
          </Link>
        )}
        {detail.privacy.requiresOutreachCode && (
          <Link className="button button--secondary" to={`/staff/surveys/${detail.id}/outreach`}>
            {t('editor.outreachLink')}
          </Link>
        )}
        {canEdit && detail.status !== 'open' && (
          <>
            <button
              type="button"
              disabled={dirty}
              aria-describedby={dirty ? 'open-disabled-reason' : undefined}
              onClick={() => void transition('open')}
            >
              {detail.status === 'closed' ? t('editor.reopen') : t('editor.open')}
            </button>
            {dirty && (
              <span id="open-disabled-reason" className="hint">
                {t('editor.openNeedsSave')}
              </span>
            )}
          </>
        )}
        {canEdit && detail.status === 'open' && (
          <button type="button" className="button--secondary" onClick={() => void transition('close')}>
            {t('editor.close')}
          </button>
        )}
      </div>

      <div className="tabs" role="tablist" aria-label={detail.title}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setParams({ tab: name }, { replace: true })}
          >
            {t(`editor.tab.${name}`)}
          </button>
        ))}
      </div>

      {stale && (
        <div className="notice notice--error" role="alert">
          <p>{t('editor.stale')}</p>
          <button
            type="button"
            onClick={() => {
              setStale(false);
              setDirty(false);
              void survey.reload();
            }}
          >
            {t('editor.reload')}
          </button>
        </div>
      )}
      <ErrorNotice error={error} />
      {notice && <p role="status">{notice}</p>}

      {(tab === 'design' || tab === 'json') && canEdit && (
        <div className="save-bar">
          {dirty && <span>{t('editor.unsaved')}</span>}
          <button type="button" disabled={!dirty} onClick={() => void save()}>
            {t('common.save')}
          </button>
        </div>
      )}

      {(tab === 'design' || tab === 'json') && canEdit && <IdentifyingWarnings definition={draft} />}
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
