import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ResponsesModule } from '../responses/responses.module';
import { SurveysModule } from '../surveys/surveys.module';
import { OutreachBoxEntity } from './outreach-box.entity';
import { OutreachQuotaSlotEntity } from './outreach-quota-slot.entity';
import { OutreachBoxRepository } from './outreach-box.repository';
import { OutreachDeviceKeysService } from './outreach-device-keys.service';
import { OutreachDeviceKeyEntity } from './outreach-device-key.entity';
import { OutreachDevicePolicyEntity } from './outreach-device-policy.entity';
import { OutreachDeviceEntity } from './outreach-device.entity';
import { OutreachDeviceRepository } from './outreach-device.repository';
import { OutreachDevicesController } from './outreach-devices.controller';
import { OutreachDevicesService } from './outreach-devices.service';
import { OutreachUploadsController } from './outreach-uploads.controller';
import { OutreachUploadsService } from './outreach-uploads.service';

/** Outreach device mode (issue 18). Calls the responses intake; `responses` never imports this. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      OutreachDeviceEntity,
      OutreachDeviceKeyEntity,
      OutreachDevicePolicyEntity,
      OutreachBoxEntity,
      OutreachQuotaSlotEntity,
    ]),
    SurveysModule,
    ResponsesModule,
    AuditModule,
  ],
  controllers: [OutreachDevicesController, OutreachUploadsController],
  providers: [OutreachDevicesService, OutreachDeviceKeysService, OutreachUploadsService, OutreachBoxRepository, OutreachDeviceRepository],
})
export class OutreachDevicesModule {}
