import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { EDITOR_TABS, type EditorTab } from '../hooks/use-editor-tab';

interface SurveyEditorTabsProps {
  readonly label: string;
  readonly tab: EditorTab;
  readonly onTab: (tab: EditorTab) => void;
}

/** The editor's tabs: design, JSON, translations, settings, versions, monitor. */
export function SurveyEditorTabs({ label, tab, onTab }: SurveyEditorTabsProps) {
  const { t } = useStaffTranslation();
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {EDITOR_TABS.map((name) => (
        <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => onTab(name)}>
          {t(`editor.tab.${name}`)}
        </button>
      ))}
    </div>
  );
}
