import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffAccountsAndAudit1795916499416 implements MigrationInterface {
  name = 'StaffAccountsAndAudit1795916499416';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL, "actor_id" uuid, "actor_email" character varying(254), "action" character varying(64) NOT NULL, "target_type" character varying(32), "target_id" character varying(64), "details" jsonb NOT NULL DEFAULT '{}', "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_806add0204f192a9f867d0515c" ON "audit_event"  ("occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "staff_user" ("id" uuid NOT NULL, "email" character varying(254) NOT NULL, "display_name" character varying(120) NOT NULL, "password_hash" text NOT NULL, "role" character varying(16) NOT NULL, "locale" character varying(8) NOT NULL DEFAULT 'en', "disabled_at" TIMESTAMP WITH TIME ZONE, "failed_logins" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_41a4f42a05b7aee26f9d3a0bb6b" UNIQUE ("email"), CONSTRAINT "staff_user_locale_check" CHECK ("locale" IN ('en', 'es')), CONSTRAINT "staff_user_role_check" CHECK ("role" IN ('admin', 'researcher', 'organizer')), CONSTRAINT "PK_cec9365d9fc3a3409158b645f2e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_session" ("token_hash" bytea NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bd04302ff5686f90da181a7176d" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_16f703e79dc2ddfaca760e844b" ON "staff_session"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_f0ad4c6bc427f11149910f9100" ON "staff_session"  ("expires_at") `);
    await queryRunner.query(`ALTER TABLE "survey" ADD "created_by" uuid`);
    await queryRunner.query(`ALTER TABLE "survey_version" ADD "created_by" uuid`);
    await queryRunner.query(
      `ALTER TABLE "staff_session" ADD CONSTRAINT "FK_16f703e79dc2ddfaca760e844b3" FOREIGN KEY ("user_id") REFERENCES "staff_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The audit log is append-only: what staff did cannot be edited away.
    await queryRunner.query(`CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_event_append_only" BEFORE UPDATE OR DELETE ON "audit_event" FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "audit_event_append_only" ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION "audit_event_append_only"()`);
    await queryRunner.query(`ALTER TABLE "staff_session" DROP CONSTRAINT "FK_16f703e79dc2ddfaca760e844b3"`);
    await queryRunner.query(`ALTER TABLE "survey_version" DROP COLUMN "created_by"`);
    await queryRunner.query(`ALTER TABLE "survey" DROP COLUMN "created_by"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f0ad4c6bc427f11149910f9100"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_16f703e79dc2ddfaca760e844b"`);
    await queryRunner.query(`DROP TABLE "staff_session"`);
    await queryRunner.query(`DROP TABLE "staff_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_806add0204f192a9f867d0515c"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
