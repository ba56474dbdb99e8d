import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AppConfig } from '../config/app-config';
import type { AddressHasher } from './address-hasher';
import { limitSubject, trustProxySetting } from './client-address';

type SlowClientSettings = Pick<
  AppConfig,
  | 'HTTP_HEADERS_TIMEOUT_SECONDS'
  | 'HTTP_REQUEST_TIMEOUT_SECONDS'
  | 'HTTP_KEEP_ALIVE_TIMEOUT_SECONDS'
  | 'MAX_CONNECTIONS_PER_ADDRESS'
  | 'TRUST_PROXY'
>;

/**
 * Slow clients cannot hold the server: headers must arrive within
 * HTTP_HEADERS_TIMEOUT_SECONDS and the whole request (a drip-fed body too) within
 * HTTP_REQUEST_TIMEOUT_SECONDS (Node answers 408 and closes the connection), idle keep-alive
 * connections close after HTTP_KEEP_ALIVE_TIMEOUT_SECONDS, and one address may hold at most
 * MAX_CONNECTIONS_PER_ADDRESS connections — counted under the rate limiter's keyed hash, in
 * memory. Behind a trusted proxy every connection comes from the proxy, so the cap is left
 * to it. Set before the server listens (the timeout checks are scheduled then).
 */
export function limitSlowClients(server: Server, config: SlowClientSettings, hasher: AddressHasher): void {
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000;
  server.requestTimeout = config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000;
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000;
  // How often Node looks for requests past those limits (its default, 30 s, would let a
  // drip-fed body live twice the limit). A plain property Node reads when it starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1000;
  const cap = config.MAX_CONNECTIONS_PER_ADDRESS;
  if (cap === 0 || trustProxySetting(config) !== false) return;

  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const key = hasher.key(limitSubject(socket.remoteAddress));
    const count = (open.get(key) ?? 0) + 1;
    if (count > cap) {
      socket.destroy();
      return;
    }
    open.set(key, count);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
  });
}
