import type { StaffMessageKey } from './staff-messages-en';
import { shellMessagesEs } from './messages/shell-es';
import { accountsMessagesEs } from './messages/accounts-es';
import { surveyListMessagesEs } from './messages/survey-list-es';
import { designerMessagesEs } from './messages/designer-es';
import { settingsMessagesEs } from './messages/settings-es';
import { publishingMessagesEs } from './messages/publishing-es';
import { analysisMessagesEs } from './messages/analysis-es';

/** Spanish strings of the staff app; each part has exactly the English part's keys, and this type asks for every key. */
export const staffMessagesEs: Record<StaffMessageKey, string> = {
  ...shellMessagesEs,
  ...accountsMessagesEs,
  ...surveyListMessagesEs,
  ...designerMessagesEs,
  ...settingsMessagesEs,
  ...publishingMessagesEs,
  ...analysisMessagesEs,
};
