import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionResolver } from '../common/staff-principal';
import { AuthController } from './auth.controller';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';
import { StaffSessionEntity } from './staff-session.entity';
import { StaffSessionRepository } from './staff-session.repository';
import { StaffUserEntity } from './staff-user.entity';
import { StaffUserRepository } from './staff-user.repository';
import { StaffUsersController } from './staff-users.controller';
import { StaffUsersService } from './staff-users.service';

/** Staff accounts and sessions; provides the {@link SessionResolver} the global guard uses. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([StaffUserEntity, StaffSessionEntity])],
  controllers: [AuthController, StaffUsersController],
  providers: [
    PasswordService,
    SessionsService,
    StaffUsersService,
    StaffUserRepository,
    StaffSessionRepository,
    { provide: SessionResolver, useExisting: SessionsService },
  ],
  exports: [SessionResolver, StaffUsersService],
})
export class StaffModule {}
