import { DomainError } from '../common/domain-error';

export const surveyNotFound = (): DomainError =>
  new DomainError('SURVEY_NOT_FOUND', 'There is no survey at this address. Check the link you were given.');

export const surveyClosed = (): DomainError =>
  new DomainError('SURVEY_CLOSED', 'This survey is closed and no longer takes answers. Thank you for your interest.');

/** A staff route's survey id that names no survey (404). */
export const noSuchSurvey = (): DomainError => new DomainError('NOT_FOUND', 'There is no such survey.');
