import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useStaffUsers } from '../hooks/use-staff-users';
import { CreateUserForm } from './create-user-form';
import { UsersTable } from './users-table';

/** Admins create staff accounts, change roles and disable accounts. */
export function UsersPage() {
  const { t } = useStaffTranslation();
  const { users, error, notice, create, update } = useStaffUsers();
  return (
    <section>
      <h1>{t('users.title')}</h1>
      <ErrorNotice error={error} />
      {notice && <p role="status">{notice}</p>}
      <UsersTable users={users} update={update} />

      <h2>{t('users.create')}</h2>
      <CreateUserForm create={create} />
    </section>
  );
}
