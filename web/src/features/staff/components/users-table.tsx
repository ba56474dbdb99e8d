import { STAFF_ROLES, type StaffRole, type StaffUser } from '@candor/shared';
import { DataTable, type DataTableColumn } from '../../../components/ui/data-table';
import { useStaffTranslation, type StaffTranslate } from '../../../lib/staff/staff-i18n';

type UpdateUser = (user: StaffUser, change: { role?: StaffRole; disabled?: boolean }) => Promise<void>;

/** Every staff account, with its role to change and a button to disable or enable it. */
export function UsersTable({ users, update }: { readonly users: readonly StaffUser[] | null; readonly update: UpdateUser }) {
  const { t } = useStaffTranslation();
  return <DataTable columns={userColumns(t, update)} rows={users ?? []} rowKey={(user) => user.id} />;
}

function userColumns(t: StaffTranslate, update: UpdateUser): DataTableColumn<StaffUser>[] {
  return [
    { key: 'name', header: t('users.name'), cell: (user) => user.displayName },
    { key: 'email', header: t('users.email'), cell: (user) => user.email },
    { key: 'role', header: t('users.role'), cell: (user) => <RoleSelect user={user} update={update} t={t} /> },
    { key: 'status', header: t('users.status'), cell: (user) => (user.disabled ? t('users.disabled') : t('users.active')) },
    {
      key: 'lastLogin',
      header: t('users.lastLogin'),
      cell: (user) => (user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : t('common.never')),
    },
    {
      key: 'actions',
      header: '',
      cell: (user) => (
        <button type="button" className="button--secondary" onClick={() => void update(user, { disabled: !user.disabled })}>
          {user.disabled ? t('users.enable') : t('users.disable')}
        </button>
      ),
    },
  ];
}

function RoleSelect({ user, update, t }: { readonly user: StaffUser; readonly update: UpdateUser; readonly t: StaffTranslate }) {
  return (
    <select
      aria-label={`${t('users.role')}: ${user.email}`}
      value={user.role}
      onChange={(e) => void update(user, { role: e.target.value as StaffRole })}
    >
      {STAFF_ROLES.map((role) => (
        <option key={role} value={role}>
          {t(`role.${role}`)}
        </option>
      ))}
    </select>
  );
}
