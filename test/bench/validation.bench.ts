/**
 * Validation cost per response, in one run, side by side:
 *  - Candor's compiled validator (one compile per version, survey-core's expression engine);
 *  - a reused survey-core Model per version (clear, set data, clearIncorrectValues, validate);
 *  - a new survey-core Model per response (what a naive server would do), with its heap growth.
 * Usage: npm run bench:validation [-- --responses 2000]
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Model } from 'survey-core';
import { compileSurvey, DEMO_SURVEY_DEFINITION, validateAnswers } from '@candor/shared';
import { createConditionEvaluator } from '@candor/api-testing';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

const count = Number(process.argv[process.argv.indexOf('--responses') + 1]) || 2000;
const samples = [
  {
    adult: 'yes',
    screened_clients__before: 'yes',
    screened_clients__after: 'no',
    safety_tools: ['buddy', 'references'],
    violent_incident: 'yes',
    incident_reported: 'peers',
  },
  { adult: 'yes', screened_clients__before: 'refused', violent_incident: 'no' },
  { adult: 'no' },
  { adult: 'yes', violent_incident: 'no', incident_reported: 'police' },
];

function time(label: string, run: (i: number) => boolean): number {
  for (let i = 0; i < 200; i++) run(i);
  const start = performance.now();
  let accepted = 0;
  for (let i = 0; i < count; i++) if (run(i)) accepted++;
  const perResponse = (performance.now() - start) / count;
  console.log(
    `${label.padEnd(44)} ${perResponse.toFixed(4)} ms/response  (${Math.round(1000 / perResponse)} /s on one core, ${accepted}/${count} accepted)`,
  );
  return perResponse;
}

const compiled = compileSurvey(DEMO_SURVEY_DEFINITION);
const evaluate = createConditionEvaluator();
const compiledMs = time('compiled validator', (i) => validateAnswers(compiled, samples[i % samples.length], evaluate).length === 0);

const reused = new Model(DEMO_SURVEY_DEFINITION);
const reusedMs = time('survey-core Model, reused per version', (i) => {
  reused.clear(true, true);
  reused.data = JSON.parse(JSON.stringify(samples[i % samples.length]));
  reused.clearIncorrectValues(true);
  return reused.validate(false, false);
});

const perRequestCount = Math.min(count, 500);
const before = heapMb();
const start = performance.now();
const retained: Model[] = [];
for (let i = 0; i < perRequestCount; i++) {
  const model = new Model(DEMO_SURVEY_DEFINITION);
  model.data = samples[i % samples.length];
  model.validate(false, false);
  model.dispose();
  if (i < 0) retained.push(model);
}
const perModelMs = (performance.now() - start) / perRequestCount;
const after = heapMb();
console.log(
  `${'survey-core Model per response'.padEnd(44)} ${perModelMs.toFixed(4)} ms/response  (heap +${(after - before).toFixed(1)} MB over ${perRequestCount} responses)`,
);
console.log(
  `\ncompiled validator is ${(reusedMs / compiledMs).toFixed(1)}x faster than a reused model and ${(perModelMs / compiledMs).toFixed(0)}x faster than a model per response`,
);
