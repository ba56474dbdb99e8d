import { useCallback, useRef } from 'react';
import { solveProofOfWork } from '../api/proof-of-work';

/** The proof of work being solved in the background while the respondent answers. */
export function useProofOfWork(slug: string) {
  const proof = useRef<Promise<string> | null>(null);
  const startProof = useCallback(() => {
    const solving = solveProofOfWork(slug);
    // A failure here surfaces when sending (and is retried then); never as an unhandled rejection.
    solving.catch(() => undefined);
    proof.current = solving;
  }, [slug]);
  return { proof, startProof };
}
