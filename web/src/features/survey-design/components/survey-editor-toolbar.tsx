import { Link } from 'react-router';
import type { SurveyDefinition, SurveyDetail } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { downloadJson } from '../api/surveys-api';

interface SurveyEditorToolbarProps {
  readonly detail: SurveyDetail;
  readonly draft: SurveyDefinition;
  readonly dirty: boolean;
  readonly canEdit: boolean;
  readonly canPublish: boolean;
  readonly onTransition: (move: 'open' | 'close') => void;
}

/**
 * The respondent link, export, links to the survey's other pages (each only where it applies to
 * this role and status), and opening or closing; a survey with unsaved edits cannot be opened.
 */
export function SurveyEditorToolbar({ detail, draft, dirty, canEdit, canPublish, onTransition }: SurveyEditorToolbarProps) {
  const { t } = useStaffTranslation();
  const respondentUrl = `${window.location.origin}/s/${detail.slug}`;
  return (
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
            onClick={() => onTransition('open')}
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
        <button type="button" className="button--secondary" onClick={() => onTransition('close')}>
          {t('editor.close')}
        </button>
      )}
    </div>
  );
}
