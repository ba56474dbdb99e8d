import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

/** While there are unsaved edits, closing the tab or following a link asks first. */
export function useLeaveGuard(dirty: boolean): void {
  const { t } = useStaffTranslation();
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
}
