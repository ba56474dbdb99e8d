import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { api } from '../../../lib/api-client';

/**
 * Fetches this survey's proof-of-work challenge and solves it with the browser's own
 * SHA-256 (Web Crypto): no third party, nothing stored. Started when the survey loads, so
 * it is usually done before the respondent finishes answering.
 */
export async function solveProofOfWork(slug: string): Promise<string> {
  const challenge = await api.get<Challenge>(`/api/public/surveys/${encodeURIComponent(slug)}/challenge`);
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 120_000 });
  if (!solution) throw new Error('the anti-spam puzzle could not be solved in time');
  return btoa(JSON.stringify({ challenge, solution }));
}
