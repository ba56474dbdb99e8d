import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RetentionService } from './retention.service';

/** Runs the retention sweep at start and every MAINTENANCE_INTERVAL_MINUTES (0: never). */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Maintenance');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: AppConfig,
    private readonly retention: RetentionService,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.MAINTENANCE_INTERVAL_MINUTES;
    if (minutes === 0) return;
    this.run();
    this.timer = setInterval(() => this.run(), minutes * 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private run(): void {
    this.running = this.running
      .then(() => this.retention.sweep())
      .catch((error: unknown) => this.logger.error(`maintenance sweep failed: ${(error as Error).message}`));
  }
}
