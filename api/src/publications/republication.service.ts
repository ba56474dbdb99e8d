import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { heldAgainstShown, type PublicationSummary } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import type { StaffPrincipal } from '../common/staff-principal';
import { asInsert } from '../database/as-insert';
import { SurveysService } from '../surveys/surveys.service';
import { PublicationEntity } from './publication.entity';
import { publicationSummary } from './publication-summary';
import { ReleaseLockRepository } from './release-lock.repository';
import { ReleaseLedgerRepository } from './release-ledger.repository';
import { noSuchPublication } from './publications.errors';

/** An earlier release back as the current one: only ever by an organizer's explicit choice. */
@Injectable()
export class RepublicationService {
  constructor(
    private readonly releaseLock: ReleaseLockRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly releaseLedger: ReleaseLedgerRepository,
    private readonly surveys: SurveysService,
  ) {}

  /**
   * Brings an earlier release back as the current one, by the organizer's explicit choice
   * (nothing comes back on its own when the latest is withdrawn). The earlier snapshot is
   * published again unchanged, under the next number, and adds nothing to the ledger: no
   * number goes out that was not out before. Refused when that release was withdrawn, is
   * already the current one, or differs by 1 … k − 1 somewhere from a release published
   * since (withdrawn ones included): the time rule holds between every two releases a
   * reader can put side by side.
   */
  async republish(surveyId: string, publicationId: string, actor: StaffPrincipal): Promise<PublicationSummary> {
    return this.releaseLock.run(surveyId, async (manager) => {
      const survey = await this.surveys.getSurveyEntity(surveyId, manager);
      const earlier = await manager.findOne(PublicationEntity, { where: { id: publicationId, surveyId } });
      if (!earlier) throw noSuchPublication();
      // A republication shows the earlier snapshot as it was: the release it brings back is the snapshot's.
      const original = earlier.snapshot.number;
      const source =
        original === earlier.number ? earlier : await manager.findOne(PublicationEntity, { where: { surveyId, number: original } });
      if (earlier.withdrawnAt || !source || source.withdrawnAt) {
        throw new DomainError('CONFLICT', 'A withdrawn release cannot be brought back.');
      }
      const latest = await manager.findOneOrFail(PublicationEntity, { where: { surveyId }, order: { number: 'DESC' } });
      if (!latest.withdrawnAt && latest.snapshot.number === original) {
        throw new DomainError('CONFLICT', `Release ${original} is already the current one.`);
      }
      const ledger = await this.releaseLedger.entries(manager, surveyId);
      const values = ledger.find((entry) => entry.number === original)?.values;
      if (!values) throw new DomainError('CONFLICT', `Release ${original} is not in the ledger, so it cannot be brought back.`);
      const since = ledger.filter((entry) => entry.number > original);
      const heldBy = since.filter((entry) => heldAgainstShown([entry], values, survey.k).length > 0).map((entry) => entry.number);
      if (heldBy.length > 0) {
        throw new DomainError(
          'RELEASE_BLOCKED',
          `Release ${original} cannot be brought back: it differs by less than ${survey.k} from release ${heldBy.join(', ')}.`,
          [
            {
              path: 'release',
              code: 'HELD_BY_TIME_RULE',
              message: `Some numbers differ by less than ${survey.k} between release ${original} and release ${heldBy.join(', ')}: putting the two side by side would describe the few people who answered in between.`,
            },
          ],
        );
      }
      const publication: Omit<PublicationEntity, 'survey'> = {
        id: randomUUID(),
        surveyId,
        number: latest.number + 1,
        snapshot: earlier.snapshot,
        publishedBy: actor.userId,
        publishedAt: this.clock.now(),
        withdrawnAt: null,
        withdrawnBy: null,
      };
      await manager.insert(PublicationEntity, asInsert(publication));
      await this.audit.record(
        {
          actor,
          action: 'publication.republish',
          targetType: 'survey',
          targetId: surveyId,
          details: { publication: publication.id, number: publication.number, republishes: original },
        },
        manager,
      );
      return publicationSummary(publication, actor.email);
    });
  }
}
