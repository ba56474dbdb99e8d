import type { AuditEvent } from '@candor/shared';
import type { StaffMessageKey, StaffTranslate } from '../../../lib/staff/staff-i18n';

/** The actions the audit log says in words; any other reads as its code. */
const SENTENCES: Readonly<Record<string, StaffMessageKey>> = {
  'auth.login': 'audit.sentence.auth.login',
  'auth.login_failed': 'audit.sentence.auth.login_failed',
  'auth.logout': 'audit.sentence.auth.logout',
  'survey.create': 'audit.sentence.survey.create',
  'survey.update': 'audit.sentence.survey.update',
  'survey.settings.update': 'audit.sentence.survey.settings.update',
  'survey.free_text.read': 'audit.sentence.survey.free_text.read',
  'survey.research_key.set': 'audit.sentence.survey.research_key.set',
  'publication.preview': 'audit.sentence.publication.preview',
  'publication.publish': 'audit.sentence.publication.publish',
  'publication.withdraw': 'audit.sentence.publication.withdraw',
  'publication.republish': 'audit.sentence.publication.republish',
  'outreach.batch.create': 'audit.sentence.outreach.batch.create',
  'retention.responses.delete': 'audit.sentence.retention.responses.delete',
  'staff_user.create': 'audit.sentence.staff_user.create',
  'staff_user.update': 'audit.sentence.staff_user.update',
  'staff_user.password_changed': 'audit.sentence.staff_user.password_changed',
};

/**
 * An audit event as a sentence with names, not ids: "ana@… published release 2 of “FOSTA-SESTA
 * impact”". Surveys and accounts are named from lists staff can already read.
 */
export function auditSentence(
  event: AuditEvent,
  names: { readonly surveys: ReadonlyMap<string, string>; readonly users: ReadonlyMap<string, string> },
  t: StaffTranslate,
): string {
  const who = event.actor?.email ?? t('audit.system');
  const target =
    event.targetType === 'survey'
      ? `“${names.surveys.get(event.targetId ?? '') ?? t('audit.deletedSurvey')}”`
      : event.targetType === 'staff_user'
        ? (names.users.get(event.targetId ?? '') ?? String(event.details['email'] ?? t('audit.someone')))
        : '';
  const key = SENTENCES[event.action];
  if (!key) return `${who}: ${event.action}${target ? ` (${target})` : ''}`;
  const detail = (name: string) => {
    const value = event.details[name];
    return typeof value === 'string' || typeof value === 'number' ? value : '';
  };
  return t(key, {
    who,
    target,
    number: detail('number'),
    republishes: detail('republishes'),
    responses: detail('responses'),
    size: detail('size'),
    role: detail('role'),
  });
}
