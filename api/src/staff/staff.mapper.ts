import type { StaffUser } from '@candor/shared';
import type { StaffUserEntity } from './staff-user.entity';

export function toStaffUser(entity: StaffUserEntity): StaffUser {
  return {
    id: entity.id,
    email: entity.email,
    displayName: entity.displayName,
    role: entity.role,
    locale: entity.locale,
    disabled: entity.disabledAt !== null,
    createdAt: entity.createdAt.toISOString(),
    lastLoginAt: entity.lastLoginAt ? entity.lastLoginAt.toISOString() : null,
  };
}
