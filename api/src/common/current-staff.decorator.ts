import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { StaffPrincipal } from './staff-principal';

/** The staff member the access guard authenticated. */
export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): StaffPrincipal => {
  const request = context.switchToHttp().getRequest<{ staff?: StaffPrincipal }>();
  if (!request.staff) throw new Error('CurrentStaff used on a route the access guard did not authenticate');
  return request.staff;
});
