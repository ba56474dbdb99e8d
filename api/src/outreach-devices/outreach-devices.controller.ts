import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { OutreachDevice, OutreachDevicePolicy, PreparedOutreachDevice } from '@candor/shared';
import { CurrentStaff } from '../common/current-staff.decorator';
import { AnyStaff, Roles } from '../common/roles.decorator';
import type { StaffPrincipal } from '../common/staff-principal';
import { SurveyIdParam } from '../surveys/dto/version.param';
import { DeviceParam, OutreachDevicePolicyDto, PrepareOutreachDeviceDto } from './dto/outreach-device.dto';
import { OutreachDevicesService } from './outreach-devices.service';

/** Preparing staff tablets for offline collection, and revoking them (issue 18). */
@ApiTags('outreach devices')
@ApiCookieAuth()
@Controller()
export class OutreachDevicesController {
  constructor(private readonly devices: OutreachDevicesService) {}

  /** Any staff role an admin allows (see the policy); the token is in this answer only. */
  @AnyStaff()
  @Post('surveys/:id/outreach-devices')
  async prepare(
    @Param() params: SurveyIdParam,
    @Body() body: PrepareOutreachDeviceDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PreparedOutreachDevice> {
    return this.devices.prepare(params.id, body.label.trim(), staff);
  }

  @AnyStaff()
  @Get('surveys/:id/outreach-devices')
  async list(@Param() params: SurveyIdParam): Promise<OutreachDevice[]> {
    return this.devices.list(params.id);
  }

  @Roles('admin')
  @Post('surveys/:id/outreach-devices/:deviceId/revoke')
  @HttpCode(200)
  async revoke(@Param() params: DeviceParam, @CurrentStaff() staff: StaffPrincipal): Promise<OutreachDevice> {
    return this.devices.revoke(params.id, params.deviceId, staff);
  }

  @AnyStaff()
  @Get('outreach-devices/policy')
  async policy(): Promise<OutreachDevicePolicy> {
    return this.devices.policy();
  }

  @Roles('admin')
  @Put('outreach-devices/policy')
  async setPolicy(@Body() body: OutreachDevicePolicyDto, @CurrentStaff() staff: StaffPrincipal): Promise<OutreachDevicePolicy> {
    return this.devices.setPolicy(body, staff);
  }
}
