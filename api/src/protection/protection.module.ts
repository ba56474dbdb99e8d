import { Module } from '@nestjs/common';
import { ProofOfWorkService } from './proof-of-work.service';

/** Abuse control without identity (P7): proof of work and no-JS form tickets. */
@Module({
  providers: [ProofOfWorkService],
  exports: [ProofOfWorkService],
})
export class ProtectionModule {}
