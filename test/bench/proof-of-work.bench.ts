/**
 * What proof of work costs a respondent's device and the server, at POW_DIFFICULTY
 * (default 10,000): solving with Web Crypto SHA-256 (the browser's API, here Node's) and
 * verifying on the server, median of --runs (default 20).
 * Usage: npm run bench:pow [-- --difficulty 10000 --runs 20]
 */
import { performance } from 'node:perf_hooks';
import { createChallenge, randomInt, solveChallenge, verifySolution } from 'altcha-lib';
import { deriveKey as serverKey } from 'altcha-lib/algorithms/sha';
import { deriveKey as browserKey } from 'altcha-lib/algorithms/web/sha';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const difficulty = argument('difficulty', 10_000);
const runs = argument('runs', 20);
const secret = 'bench-secret-bench-secret-bench-secret';

async function main(): Promise<void> {
  const solve: number[] = [];
  const verify: number[] = [];
  for (let run = 0; run < runs; run++) {
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: randomInt(Math.floor(difficulty / 2), difficulty),
      deriveKey: serverKey,
      hmacSignatureSecret: secret,
      hmacKeySignatureSecret: `${secret}-keys`,
    });
    let start = performance.now();
    const solution = await solveChallenge({ challenge, deriveKey: browserKey });
    solve.push(performance.now() - start);
    if (!solution) throw new Error('unsolved');
    start = performance.now();
    const result = await verifySolution({
      challenge,
      solution,
      deriveKey: serverKey,
      hmacSignatureSecret: secret,
      hmacKeySignatureSecret: `${secret}-keys`,
    });
    verify.push(performance.now() - start);
    if (!result.verified) throw new Error('not verified');
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  console.log(
    `proof of work at difficulty ${difficulty}, median of ${runs}: solve (Web Crypto) ${median(solve).toFixed(0)} ms, verify (server) ${median(verify).toFixed(2)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
