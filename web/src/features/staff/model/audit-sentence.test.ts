import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '@candor/shared';
import { createTranslations } from '../../../lib/i18n/i18n';
import { staffMessagesEn, type StaffMessageKey } from '../../../lib/staff/staff-messages-en';
import { staffMessagesEs } from '../../../lib/staff/staff-messages-es';
import { auditSentence } from './audit-sentence';

const staff = createTranslations<StaffMessageKey>({ en: staffMessagesEn, es: staffMessagesEs });
const t = (key: StaffMessageKey, vars?: Record<string, string | number>) => staff.translate('en', key, vars);

const event = (action: string, targetType: string | null, targetId: string | null, details: Record<string, unknown> = {}): AuditEvent => ({
  id: 'e1',
  actor: { id: 'u1', email: 'ana@coyote.test' },
  action,
  targetType,
  targetId,
  details,
  occurredAt: '2026-12-01T10:00:00Z',
});

const names = { surveys: new Map([['s1', 'FOSTA-SESTA impact']]), users: new Map([['u2', 'bea@coyote.test']]) };

describe('the audit log as sentences', () => {
  it('names people and surveys instead of ids', () => {
    expect(auditSentence(event('publication.publish', 'survey', 's1', { publication: 'p1', number: 2 }), names, t)).toBe(
      'ana@coyote.test published release 2 of “FOSTA-SESTA impact”',
    );
    expect(auditSentence(event('staff_user.create', 'staff_user', 'u2', { email: 'bea@coyote.test', role: 'organizer' }), names, t)).toBe(
      'ana@coyote.test created the organizer account bea@coyote.test',
    );
  });

  it('never shows an id, even for an action it has no words for', () => {
    const sentence = auditSentence(event('survey.archive', 'survey', 's1'), names, t);
    expect(sentence).toBe('ana@coyote.test: survey.archive (“FOSTA-SESTA impact”)');
    expect(auditSentence(event('survey.update', 'survey', 'gone'), names, t)).not.toContain('gone');
  });
});
