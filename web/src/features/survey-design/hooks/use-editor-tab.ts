import { useSearchParams } from 'react-router';

export const EDITOR_TABS = ['design', 'json', 'translations', 'settings', 'versions', 'monitor'] as const;
export type EditorTab = (typeof EDITOR_TABS)[number];

/** The open tab, kept in `?tab=` (so a link or reload opens it); unknown values open the designer. */
export function useEditorTab(): [EditorTab, (tab: EditorTab) => void] {
  const [params, setParams] = useSearchParams();
  const tab: EditorTab = (EDITOR_TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as EditorTab) : 'design';
  return [tab, (name) => setParams({ tab: name }, { replace: true })];
}
