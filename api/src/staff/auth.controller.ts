import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { StaffSession } from '@candor/shared';
import { AuditService } from '../audit/audit.service';
import { CurrentStaff } from '../common/current-staff.decorator';
import { DomainError } from '../common/domain-error';
import { Public } from '../common/public.decorator';
import { RateLimited } from '../common/rate-limit.module';
import { AnyStaff } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { AppConfig } from '../config/app-config';
import { ChangePasswordDto, LoginDto } from './dto/staff.dto';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { SessionsService } from './sessions.service';
import { StaffUsersService } from './staff-users.service';
import { toStaffUser } from './staff.mapper';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: StaffUsersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Signs a staff member in: sets the session cookie and returns the CSRF token. */
  @Public()
  @RateLimited('login')
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<StaffSession> {
    const user = await this.users.authenticate(body.email, body.password);
    const session = await this.sessions.create(user.id);
    await this.audit.record({
      actor: { userId: user.id, email: user.email },
      action: 'auth.login',
      targetType: 'staff_user',
      targetId: user.id,
    });
    setSessionCookie(response, request, this.config, session.token);
    return { user: toStaffUser(user), csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
  }

  /** The current staff member and CSRF token (after a page reload). */
  @ApiCookieAuth()
  @AnyStaff()
  @Get('session')
  async session(@CurrentStaff() staff: StaffPrincipal): Promise<StaffSession> {
    const expiresAt = await this.sessions.expiresAt(staff.sessionId);
    if (!expiresAt) throw new DomainError('UNAUTHENTICATED', 'The session has ended.');
    return { user: await this.users.get(staff.userId), csrfToken: staff.csrfToken, expiresAt: expiresAt.toISOString() };
  }

  @ApiCookieAuth()
  @AnyStaff()
  @Post('logout')
  @HttpCode(204)
  async logout(
    @CurrentStaff() staff: StaffPrincipal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.sessions.revoke(staff.sessionId);
    await this.audit.record({ actor: staff, action: 'auth.logout', targetType: 'staff_user', targetId: staff.userId });
    clearSessionCookie(response, request, this.config);
  }

  /** Changes your own password; every session of yours ends (sign in again). */
  @ApiCookieAuth()
  @AnyStaff()
  @Post('password')
  @HttpCode(204)
  async changePassword(
    @CurrentStaff() staff: StaffPrincipal,
    @Body() body: ChangePasswordDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    await this.users.changePassword(staff, body.currentPassword, body.newPassword);
    clearSessionCookie(response, request, this.config);
  }
}
