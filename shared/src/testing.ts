/**
 * `@candor/shared/testing`: helpers for tests, benchmarks and demonstrations only —
 * synthetic answers, a seedable generator, and counting in memory what the API counts in
 * SQL. Production code never imports this entry (a lint rule refuses it in api/src,
 * web/src and shared/src outside tests).
 */
export { categoryOf, countJointsInMemory } from './publishing/count-in-memory';
export { seededRandom, syntheticPolicyImpactAnswers, type Random } from './surveys/templates/synthetic-policy-impact';
export { NAVIGATION_HTML, RESEARCHER_HTML_CORPUS, SCRIPT_STRINGS } from './surveys/definition/hostile-html';
