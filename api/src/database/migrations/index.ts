import { Init1795914951026 } from './1795914951026-Init';

/** Every migration, oldest first. Never edit a landed migration: add a new one. */
export const MIGRATIONS = [Init1795914951026] as const;
