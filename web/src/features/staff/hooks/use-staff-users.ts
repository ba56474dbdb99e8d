import { useState } from 'react';
import type { CreateStaffUserRequest, StaffRole, StaffUser } from '@candor/shared';
import { useStaffTranslation } from '../../../lib/staff/staff-i18n';
import { useResource } from '../../../lib/staff/use-resource';
import { staffApi } from '../api/staff-api';

/** The staff accounts, and the admin's two actions on them; a failed action leaves its error, a done one reloads the list. */
export function useStaffUsers() {
  const { t } = useStaffTranslation();
  const users = useResource(() => staffApi.users(), []);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  /** `onCreated` runs once the account exists (the form clears), before the list reloads. */
  const create = async (form: CreateStaffUserRequest, onCreated: () => void) => {
    setError(null);
    try {
      const created = await staffApi.createUser(form);
      setNotice(t('users.created', { email: created.email }));
      onCreated();
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

  return { users: users.data, error: error ?? users.error, notice, create, update };
}
