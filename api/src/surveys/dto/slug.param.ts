import { Matches } from 'class-validator';

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export class SlugParam {
  @Matches(SLUG_PATTERN, { message: 'a survey address is lowercase letters, digits and dashes' })
  slug!: string;
}
