import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';

/**
 * The light page's proof of work, loaded by the boot script only where a form asks for one
 * (its own small chunk, no SurveyJS): fetches this survey's challenge from this origin and
 * solves it with the browser's SHA-256 while the respondent answers. Nothing is stored.
 */
export async function solveProof(challengeUrl: string): Promise<string | null> {
  const response = await fetch(challengeUrl, { credentials: 'omit', cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) return null;
  const challenge = (await response.json()) as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 120_000 });
  return solution ? btoa(JSON.stringify({ challenge, solution })) : null;
}
