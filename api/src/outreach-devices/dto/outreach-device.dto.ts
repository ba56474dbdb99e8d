import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { SEALED_BOX, type OutreachDevicePolicy, type OutreachUploadRequest, type PrepareOutreachDeviceRequest } from '@candor/shared';

export class PrepareOutreachDeviceDto implements PrepareOutreachDeviceRequest {
  @ApiProperty({ description: 'a name staff recognise the device by', example: 'Blue tablet', maxLength: 120 })
  @IsString()
  @MinLength(1, { message: 'label must name the device for staff (e.g. "Blue tablet")' })
  @MaxLength(120)
  label!: string;
}

export class DeviceParam {
  @IsUUID('4', { message: 'id must be a survey id' })
  id!: string;

  @IsUUID('4', { message: 'deviceId must be a device id' })
  deviceId!: string;
}

export class OutreachDevicePolicyDto implements OutreachDevicePolicy {
  @ApiProperty({ description: 'roles besides admins that may prepare devices', enum: ['researcher', 'organizer'], isArray: true })
  @IsArray({ message: 'allowedRoles must be a list of roles' })
  @ArrayMaxSize(2)
  @IsIn(['researcher', 'organizer'], { each: true, message: 'allowedRoles may list "researcher" and "organizer" (admins always may)' })
  allowedRoles!: Array<'researcher' | 'organizer'>;
}

export class OutreachUploadDto implements OutreachUploadRequest {
  @ApiProperty({ description: "base64url of a sealed box (the device's submission sealed to the survey's outreach key)" })
  @IsString()
  @MaxLength(SEALED_BOX.maxChars, { message: `sealed must be at most ${SEALED_BOX.maxChars} characters` })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'sealed must be base64url text (a sealed box from the outreach device)' })
  sealed!: string;
}
