import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { PASSWORD_RULES } from '@candor/shared';

/**
 * What a staff password must be beyond its length (12–256 characters, checked at the
 * edge): not blank, and not guessable — zxcvbn-ts with its offline English and common
 * dictionaries (leaked-password lists, names, keyboard walks, repeats, dates) must rate
 * it at least {@link MIN_SCORE} of 4, counting the account's email and name as known to
 * an attacker. Only the first {@link CHECKED_LENGTH} characters are estimated: the
 * estimator's cost grows quickly with length, and a longer password is only stronger.
 */
const MIN_SCORE = 3;
const CHECKED_LENGTH = 64;

let estimator: ZxcvbnFactory | null = null;

function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** Why a password is refused, in words for the person choosing it; null when it is fine. */
export function passwordProblem(password: string, knownToAttacker: readonly string[] = []): string | null {
  if (password.trim().length === 0) return 'the password cannot be only spaces';
  if (password.trim().length < PASSWORD_RULES.minLength)
    return `the password needs at least ${PASSWORD_RULES.minLength} characters besides spaces at its ends`;
  const inputs = knownToAttacker.flatMap((text) => [text, ...text.split(/[^\p{L}\p{N}]+/u)]).filter((text) => text.length >= 3);
  const result = getEstimator().check(password.slice(0, CHECKED_LENGTH), inputs);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ?? 'it would be guessed quickly';
  const tip = result.feedback.suggestions[0];
  return `this password is too easy to guess: ${why.replace(/\.$/, '')}${tip ? `. ${tip}` : ''}`.trim();
}
