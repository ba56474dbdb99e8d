import { useState, type FormEvent } from 'react';
import { STAFF_ROLES, type CreateStaffUserRequest, type StaffRole } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';

const EMPTY = { email: '', displayName: '', role: 'researcher' as StaffRole, password: '', locale: 'en' as 'en' | 'es' };

/** The new account's fields; cleared once the account exists, kept (for a fix) when creating it failed. */
export function CreateUserForm({ create }: { readonly create: (form: CreateStaffUserRequest, onCreated: () => void) => Promise<void> }) {
  const { t } = useStaffTranslation();
  const [form, setForm] = useState(EMPTY);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await create(form, () => setForm(EMPTY));
  };

  return (
    <form className="form-grid" onSubmit={submit}>
      <label>
        {t('users.name')}
        <input required value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      </label>
      <label>
        {t('users.email')}
        <input type="email" required autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
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
  );
}
