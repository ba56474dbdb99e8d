import type { PublicationSummary } from '@candor/shared';
import type { PublicationEntity } from './publication.entity';

/** What staff see of a publication in the release list. */
export function publicationSummary(
  publication: Pick<PublicationEntity, 'id' | 'number' | 'publishedAt' | 'withdrawnAt' | 'snapshot'>,
  email: string | null,
): PublicationSummary {
  return {
    id: publication.id,
    number: publication.number,
    publishedAt: publication.publishedAt.toISOString(),
    publishedBy: email,
    withdrawnAt: publication.withdrawnAt ? publication.withdrawnAt.toISOString() : null,
    responses: publication.snapshot.responses,
    // A publication shows its own numbers under its own number, unless it brings an earlier release back.
    republishes: publication.snapshot.number !== publication.number ? publication.snapshot.number : null,
  };
}
