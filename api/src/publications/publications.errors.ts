import { DomainError } from '../common/domain-error';

/** One answer for a publication that is not this survey's or does not exist: nothing to tell them apart. */
export const noSuchPublication = (): DomainError => new DomainError('NOT_FOUND', 'There is no such publication.');
