import { NavLink, Outlet } from 'react-router';
import { useStaffSession } from '../../../lib/staff/staff-session';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { LoginPage } from './login-page';

/** The staff app's frame: navigation by role, and sign-in when there is no session. */
export function StaffLayout() {
  const { t } = useStaffTranslation();
  const session = useStaffSession();
  if (session.status === 'loading') return <p className="staff-loading">{t('common.loading')}</p>;
  if (session.status === 'signed-out' || !session.user) return <LoginPage />;
  const user = session.user;
  return (
    <div className="staff">
      <header className="staff-header">
        <strong>{t('staff.title')}</strong>
        <nav aria-label="Staff">
          <NavLink to="/staff" end>
            {t('nav.surveys')}
          </NavLink>
          {user.role === 'admin' && <NavLink to="/staff/users">{t('nav.users')}</NavLink>}
          {user.role === 'admin' && <NavLink to="/staff/audit">{t('nav.audit')}</NavLink>}
        </nav>
        <span className="staff-user">{t('nav.signedInAs', { name: user.displayName, role: t(`role.${user.role}`) })}</span>
        <button type="button" className="button--secondary" onClick={() => void session.signOut()}>
          {t('nav.signOut')}
        </button>
      </header>
      <main className="staff-main">
        <Outlet />
      </main>
    </div>
  );
}
