import { useState, type FormEvent } from 'react';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '@candor/shared';
import { ErrorNotice } from '../../../lib/staff/error-notice';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { staffApi } from '../api/staff-api';

const EMPTY = { email: '', displayName: '', role: 'researcher' as StaffRole, password: '', locale: 'en' as 'en' | 'es' };

/** Admins create staff accounts, change roles and disable accounts. */
export function UsersPage() {
  const { t } = useStaffTranslation();
  const users = useResource(() => staffApi.users(), []);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const created = await staffApi.createUser(form);
      setNotice(t('users.created', { email: created.email }));
      setForm(EMPTY);
      await users.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const update = async (user: StaffUser, change: { role?: StaffRole; disabled?: boolean }) => {
    setError(null);
    try {
      await staffApi.updateUser(user.id, change);
      await users.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <ErrorNotice error={error ?? users.error} />
      {notice && <p role="status">{notice}</p>}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('users.name')}</th>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.status')}</th>
            <th scope="col">{t('users.lastLogin')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((user) => (
            <tr key={user.id}>
              <td>{user.displayName}</td>
              <td>{user.email}</td>
              <td>
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
              </td>
              <td>{user.disabled ? t('users.disabled') : t('users.active')}</td>
              <td>{user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : t('common.never')}</td>
              <td>
                <button type="button" className="button--secondary" onClick={() => void update(user, { disabled: !user.disabled })}>
                  {user.disabled ? t('users.enable') : t('users.disable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('users.create')}</h2>
      <form className="form-grid" onSubmit={create}>
        <label>
          {t('users.name')}
          <input required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </label>
        <label>
          {t('users.email')}
          <input
            type="email"
            required
            autoComplete="off"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </label>
        <label>
          {t('users.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as StaffRole })}>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`role.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('users.language')}
          <select value={form.locale} onChange={(e) => setForm({ ...form, locale: e.target.value as 'en' | 'es' })}>
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
        <label>
          {t('users.password')}
          <input
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })}
          />
        </label>
        <button type="submit">{t('users.create')}</button>
      </form>
    </section>
  );
}
