import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spent proofs of work and no-JS tickets, shared by every instance and kept across
 * restarts (issue 16): a SHA-256 of the challenge's signature (or the ticket) and the UTC
 * day its challenge expires, rounded up — no finer than the finest period a response may
 * carry. Nothing else: no time of day, nothing that links to a response.
 */
export class SpentProofs1796115665992 implements MigrationInterface {
  name = 'SpentProofs1796115665992';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "spent_proof" ("token_hash" bytea NOT NULL, "expires_on" date NOT NULL, CONSTRAINT "PK_spent_proof" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_spent_proof_expires_on" ON "spent_proof" ("expires_on")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "spent_proof"`);
  }
}
