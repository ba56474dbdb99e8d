import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createSurvey } from '../factories/surveys';
import { startTestApp, type TestApp } from '../support/test-app';

async function listen(testApp: TestApp): Promise<number> {
  const server = testApp.app.getHttpServer();
  if (!server.listening) await testApp.app.listen(0, '127.0.0.1');
  return (server.address() as AddressInfo).port;
}

/** A raw connection that records what the server sent and when it closed the connection. */
function openSocket(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

describe('slow clients cannot hold the server (issue 11)', () => {
  let testApp: TestApp;
  let port: number;

  beforeAll(async () => {
    testApp = await startTestApp({
      env: {
        HTTP_HEADERS_TIMEOUT_SECONDS: '1',
        HTTP_REQUEST_TIMEOUT_SECONDS: '2',
        HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '1',
        MAX_CONNECTIONS_PER_ADDRESS: '40',
      },
    });
    port = await listen(testApp);
  });
  afterAll(() => testApp.close());

  it('cuts off 30 drip-fed bodies (408) and keeps answering others meanwhile', async () => {
    const clients = await Promise.all(Array.from({ length: 30 }, () => openSocket(port)));
    const drips: NodeJS.Timeout[] = [];
    for (const { socket } of clients) {
      socket.write(
        'POST /api/public/surveys/anything/responses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      );
      // One byte at a time, for far longer than the request timeout: only the server can end this.
      drips.push(setInterval(() => socket.writable && socket.write(' '), 200));
    }
    try {
      const health = await testApp.http().get('/api/health');
      expect(health.status).toBe(200);
      await Promise.all(clients.map((client) => client.closed));
      for (const client of clients) expect(client.received()).toMatch(/^(HTTP\/1\.1 408|$)/);
    } finally {
      drips.forEach(clearInterval);
      clients.forEach(({ socket }) => socket.destroy());
    }
  });

  it('closes a connection that never finishes its headers', async () => {
    const client = await openSocket(port);
    client.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n');
    const drip = setInterval(() => client.socket.writable && client.socket.write('X-Slow: 1\r\n'), 200);
    try {
      await client.closed;
    } finally {
      clearInterval(drip);
    }
  });

  it('closes idle keep-alive connections', async () => {
    const client = await openSocket(port);
    client.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('a cap on connections per address', () => {
  let testApp: TestApp;
  let port: number;

  beforeAll(async () => {
    testApp = await startTestApp({ env: { MAX_CONNECTIONS_PER_ADDRESS: '5', HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: '60' } });
    port = await listen(testApp);
  });
  afterAll(() => testApp.close());

  it('refuses connections beyond the cap from one address, and takes them again once others close', async () => {
    const held = await Promise.all(Array.from({ length: 5 }, () => openSocket(port)));
    // Make sure the server has seen the five before the sixth arrives.
    for (const { socket } of held) socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await Promise.all(held.map((client) => new Promise<void>((done) => client.socket.once('data', () => done()))));
    const extra = await openSocket(port);
    extra.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await extra.closed;
    expect(extra.received()).toBe('');
    held.forEach(({ socket }) => socket.destroy());
    await Promise.all(held.map((client) => client.closed));
    const later = await openSocket(port);
    later.socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await later.closed;
    expect(later.received()).toMatch(/^HTTP\/1\.1 200/);
  });
});

describe('behind a reverse proxy the limits stay per person (TRUST_PROXY)', () => {
  const challenge = (testApp: TestApp, slug: string, forwardedFor?: string) => {
    const request = testApp.http().get(`/api/public/surveys/${slug}/challenge`);
    return forwardedFor ? request.set('X-Forwarded-For', forwardedFor) : request;
  };

  describe('with the proxy trusted', () => {
    let testApp: TestApp;
    let slug: string;

    beforeAll(async () => {
      testApp = await startTestApp({ env: { TRUST_PROXY: 'loopback', SUBMISSION_RATE_PER_MINUTE: '2', POW_DIFFICULTY: '100' } });
      slug = (await createSurvey(testApp)).slug;
    });
    afterAll(() => testApp.close());

    it('limits each client the proxy reports on its own', async () => {
      await challenge(testApp, slug, '203.0.113.1').expect(200);
      await challenge(testApp, slug, '203.0.113.1').expect(200);
      await challenge(testApp, slug, '203.0.113.1').expect(429);
      await challenge(testApp, slug, '203.0.113.2').expect(200);
    });

    it('counts an IPv6 client by its /64', async () => {
      await challenge(testApp, slug, '2001:db8:1:2::1').expect(200);
      await challenge(testApp, slug, '2001:db8:1:2::ffff').expect(200);
      await challenge(testApp, slug, '2001:db8:1:2:aaaa::1').expect(429);
      await challenge(testApp, slug, '2001:db8:1:3::1').expect(200);
    });

    it('keeps no trace of the forwarded addresses in the logs', () => {
      expect(testApp.logs.lines.join('\n')).not.toMatch(/203\.0\.113|2001:db8/);
    });
  });

  describe('with docker-compose.yml as shipped: a TLS proxy on the host, then HAProxy, then the app', () => {
    let testApp: TestApp;
    let slug: string;

    beforeAll(async () => {
      const compose = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
      const trustProxy = /TRUST_PROXY: \$\{CANDOR_TRUST_PROXY:-([^}]*)\}/.exec(compose)?.[1];
      expect(trustProxy).toBeDefined();
      testApp = await startTestApp({ env: { TRUST_PROXY: trustProxy as string, SUBMISSION_RATE_PER_MINUTE: '2', POW_DIFFICULTY: '100' } });
      slug = (await createSurvey(testApp)).slug;
    });
    afterAll(() => testApp.close());

    // The TLS proxy appends the client; HAProxy (`option forwardfor`) appends the TLS proxy as it
    // sees it, the Docker bridge's gateway; the app sees HAProxy's connection.
    const viaTlsAndHaproxy = (client: string) => `${client}, 172.18.0.1`;

    it('limits each respondent on their own, not everyone as the TLS proxy', async () => {
      await challenge(testApp, slug, viaTlsAndHaproxy('203.0.113.1')).expect(200);
      await challenge(testApp, slug, viaTlsAndHaproxy('203.0.113.1')).expect(200);
      await challenge(testApp, slug, viaTlsAndHaproxy('203.0.113.1')).expect(429);
      await challenge(testApp, slug, viaTlsAndHaproxy('203.0.113.2')).expect(200);
    });

    it('still ignores what a client writes into X-Forwarded-For itself', async () => {
      await challenge(testApp, slug, viaTlsAndHaproxy('198.51.100.7, 203.0.113.9')).expect(200);
      await challenge(testApp, slug, viaTlsAndHaproxy('198.51.100.8, 203.0.113.9')).expect(200);
      await challenge(testApp, slug, viaTlsAndHaproxy('198.51.100.9, 203.0.113.9')).expect(429);
    });
  });

  describe('with no proxy trusted (the default)', () => {
    let testApp: TestApp;
    let slug: string;

    beforeAll(async () => {
      testApp = await startTestApp({ env: { SUBMISSION_RATE_PER_MINUTE: '2', POW_DIFFICULTY: '100' } });
      slug = (await createSurvey(testApp)).slug;
    });
    afterAll(() => testApp.close());

    it('ignores X-Forwarded-For, so it cannot be forged to escape the limit', async () => {
      await challenge(testApp, slug, '203.0.113.1').expect(200);
      await challenge(testApp, slug, '203.0.113.2').expect(200);
      await challenge(testApp, slug, '203.0.113.3').expect(429);
    });
  });
});

describe('security headers as documented', () => {
  it('denies sensors, devices and payment to every page, and sends no HSTS over plain http', async () => {
    const testApp = await startTestApp();
    try {
      const response = await testApp.http().get('/api/health').expect(200);
      const policy = response.headers['permissions-policy'] as string;
      for (const feature of [
        'accelerometer',
        'gyroscope',
        'magnetometer',
        'camera',
        'microphone',
        'geolocation',
        'usb',
        'bluetooth',
        'payment',
        'serial',
        'hid',
      ]) {
        expect(policy).toContain(`${feature}=()`);
      }
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['content-security-policy']).toContain("form-action 'self'");
      expect(response.headers['content-security-policy']).toContain("base-uri 'none'");
    } finally {
      await testApp.close();
    }
  });

  it('sends HSTS when PUBLIC_URL is https', async () => {
    const testApp = await startTestApp({ env: { PUBLIC_URL: 'https://survey.example.org' } });
    try {
      const response = await testApp.http().get('/api/health').expect(200);
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await testApp.close();
    }
  });
});
