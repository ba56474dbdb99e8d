import { createTranslations } from '../i18n/i18n';
import { staffMessagesEn, type StaffMessageKey } from './staff-messages-en';
import { staffMessagesEs } from './staff-messages-es';

const staff = createTranslations<StaffMessageKey>({ en: staffMessagesEn, es: staffMessagesEs });

/** Translations for the staff app (loaded only with it, never with respondent pages). */
export const useStaffTranslation = staff.useTranslations;
export type StaffTranslate = (key: StaffMessageKey, vars?: Record<string, string | number>) => string;
export type { StaffMessageKey };
