import { Init1795914951026 } from './1795914951026-Init';
import { StaffAccountsAndAudit1795916499416 } from './1795916499416-StaffAccountsAndAudit';
import { PublicationsAndLedger1795917985538 } from './1795917985538-PublicationsAndLedger';
import { OutreachCodesAndRetention1795919389305 } from './1795919389305-OutreachCodesAndRetention';

/** Every migration, oldest first. Never edit a landed migration: add a new one. */
export const MIGRATIONS = [Init1795914951026, StaffAccountsAndAudit1795916499416, PublicationsAndLedger1795917985538, OutreachCodesAndRetention1795919389305] as const;
