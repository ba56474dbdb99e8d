import { Module } from '@nestjs/common';
import { ProofOfWorkService } from './proof-of-work.service';
import { SpentProofRepository } from './spent-proof.repository';
import { SpentProofStore } from './spent-proof.store';

/** Abuse control without identity (P7): proof of work and no-JS form tickets. */
@Module({
  providers: [ProofOfWorkService, SpentProofStore, SpentProofRepository],
  exports: [ProofOfWorkService, SpentProofStore],
})
export class ProtectionModule {}
