/**
 * What black-box tests and benchmarks in `test/` may use to boot the real API in
 * process and reach its services. Imported as `@candor/api-testing`; nothing in the
 * app itself imports this file.
 */
export { configureApp, createApp } from './app.factory';
export { AppModule } from './app.module';
export { Clock } from './common/clock';
export { loadConfig, type AppConfig } from './config/app-config';
export { buildDataSourceOptions } from './database/data-source-options';
export { runMigrationsWithLock } from './database/run-migrations';
export { createConditionEvaluator } from './responses/answer-validation/survey-core-conditions';
export { ResponsesService } from './responses/responses.service';
export { IntakeMixer } from './responses/intake-mixer';
export { AuditService } from './audit/audit.service';
export { StaffUsersService } from './staff/staff-users.service';
export { PasswordService } from './staff/password.service';
export { SurveyDesignService } from './surveys/survey-design.service';
export type { SurveyStatus } from './surveys/survey.entity';
export { SurveysService } from './surveys/surveys.service';
export { PublicationsService } from './publications/publications.service';
export { AggregationRepository } from './publications/aggregation.repository';
export { RetentionService } from './maintenance/retention.service';
export { OutreachCodesService } from './outreach/outreach-codes.service';
export { ProofOfWorkService } from './protection/proof-of-work.service';
export { SpentProofStore } from './protection/spent-proof.store';
export { AuditSolver } from './publications/highs-solver.provider';
export { sealBox, openSealedBox, generateRawKeyPair, unwrapPrivateKey } from './outreach-devices/sealed-box';
export { ReleasePool } from './publications/release-pool';
