import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { StaffUser } from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { CreateStaffUserDto, UpdateStaffUserDto } from './dto/staff.dto';
import { StaffUsersService } from './staff-users.service';

@ApiTags('staff users')
@ApiCookieAuth()
@Roles('admin')
@Controller('staff-users')
export class StaffUsersController {
  constructor(private readonly users: StaffUsersService) {}

  @Get()
  list(): Promise<StaffUser[]> {
    return this.users.list();
  }

  @Post()
  create(@Body() body: CreateStaffUserDto, @CurrentStaff() staff: StaffPrincipal): Promise<StaffUser> {
    return this.users.create(body, staff);
  }

  /** Changes role, name or language, or disables / re-enables an account. */
  @Patch(':id')
  update(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Body() body: UpdateStaffUserDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<StaffUser> {
    return this.users.update(id, body, staff);
  }
}
