import { shellMessagesEn } from './messages/shell-en';
import { accountsMessagesEn } from './messages/accounts-en';
import { surveyListMessagesEn } from './messages/survey-list-en';
import { designerMessagesEn } from './messages/designer-en';
import { settingsMessagesEn } from './messages/settings-en';
import { publishingMessagesEn } from './messages/publishing-en';
import { analysisMessagesEn } from './messages/analysis-en';

/** English strings of the staff app (source of truth for keys), one file per part of the app. */
export const staffMessagesEn = {
  ...shellMessagesEn,
  ...accountsMessagesEn,
  ...surveyListMessagesEn,
  ...designerMessagesEn,
  ...settingsMessagesEn,
  ...publishingMessagesEn,
  ...analysisMessagesEn,
} as const;

export type StaffMessageKey = keyof typeof staffMessagesEn;
