import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'candor:isPublic';

/**
 * Marks a route (or controller) as callable without a staff session. Everything else
 * is denied by the global access guard.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
