export interface RestartablePostgres {
  readonly serverUrl: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): Promise<void>;
}
export function restartablePostgres(port: number): Promise<RestartablePostgres>;
