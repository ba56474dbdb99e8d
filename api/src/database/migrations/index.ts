import { Init1795914951026 } from './1795914951026-Init';
import { StaffAccountsAndAudit1795916499416 } from './1795916499416-StaffAccountsAndAudit';
import { PublicationsAndLedger1795917985538 } from './1795917985538-PublicationsAndLedger';
import { OutreachCodesAndRetention1795919389305 } from './1795919389305-OutreachCodesAndRetention';
import { SpentProofs1796115665992 } from './1796115665992-SpentProofs';
import { IntakeMixing1796115724902 } from './1796115724902-IntakeMixing';
import { FieldingVersion1796115749765 } from './1796115749765-FieldingVersion';
import { StaffReleaseLedger1796115749766 } from './1796115749766-StaffReleaseLedger';
import { ApiRole1796116349786 } from './1796116349786-ApiRole';
import { MixSpentProofs1796116349787 } from './1796116349787-MixSpentProofs';
import { OutreachDevices1796127487769 } from './1796127487769-OutreachDevices';
import { SurveyLanguagesAndTranslationSources1796127534288 } from './1796127534288-SurveyLanguagesAndTranslationSources';
import { CustomTableViews1796129054459 } from './1796129054459-CustomTableViews';
import { ResearchKey1796127600000 } from './1796127600000-ResearchKey';
import { OutreachDeviceLimits1796140000000 } from './1796140000000-OutreachDeviceLimits';
import { OutreachQuotaSlots1796150000000 } from './1796150000000-OutreachQuotaSlots';
import { OutreachDevicesAdminsOnly1796160000000 } from './1796160000000-OutreachDevicesAdminsOnly';
import { CustomViewTotals1796170000000 } from './1796170000000-CustomViewTotals';

/** Every migration, oldest first. Never edit a landed migration: add a new one. */
export const MIGRATIONS = [
  Init1795914951026,
  StaffAccountsAndAudit1795916499416,
  PublicationsAndLedger1795917985538,
  OutreachCodesAndRetention1795919389305,
  SpentProofs1796115665992,
  IntakeMixing1796115724902,
  FieldingVersion1796115749765,
  StaffReleaseLedger1796115749766,
  ApiRole1796116349786,
  MixSpentProofs1796116349787,
  OutreachDevices1796127487769,
  SurveyLanguagesAndTranslationSources1796127534288,
  CustomTableViews1796129054459,
  ResearchKey1796127600000,
  OutreachDeviceLimits1796140000000,
  OutreachQuotaSlots1796150000000,
  OutreachDevicesAdminsOnly1796160000000,
  CustomViewTotals1796170000000,
] as const;
