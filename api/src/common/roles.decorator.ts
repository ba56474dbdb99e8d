import { SetMetadata } from '@nestjs/common';
import { STAFF_ROLES, type StaffRole } from '@candor/shared';

export const ROLES = 'candor:roles';

/** Staff roles allowed to call a route (admins always are). Routes without it or @Public() are denied. */
export const Roles = (...roles: StaffRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** Any signed-in staff member. */
export const AnyStaff = (): MethodDecorator & ClassDecorator => Roles(...STAFF_ROLES);
