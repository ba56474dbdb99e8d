import { limitSubject, trustProxySetting } from './client-address';

describe('the subject of address-based limits', () => {
  it('keys IPv6 clients by their /64, however the address is written', () => {
    const a = limitSubject('2001:db8:abcd:12::1');
    expect(a).toBe('2001:db8:abcd:12::/64');
    expect(limitSubject('2001:0db8:abcd:0012:ffff:ffff:ffff:ffff')).toBe(a);
    expect(limitSubject('2001:db8:abcd:12:0:0:0:7%eth0')).toBe(a);
    expect(limitSubject('2001:db8:abcd:13::1')).not.toBe(a);
    expect(limitSubject('::1')).toBe('0:0:0:0::/64');
  });

  it('keys IPv4 clients (mapped into IPv6 too) by their address', () => {
    expect(limitSubject('203.0.113.9')).toBe('203.0.113.9');
    expect(limitSubject('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(limitSubject(undefined)).toBe('unknown');
  });

  it('reads TRUST_PROXY as Express needs it', () => {
    expect(trustProxySetting({ TRUST_PROXY: 'false' })).toBe(false);
    expect(trustProxySetting({ TRUST_PROXY: '0' })).toBe(false);
    expect(trustProxySetting({ TRUST_PROXY: '2' })).toBe(2);
    expect(trustProxySetting({ TRUST_PROXY: 'loopback, 10.0.0.0/8' })).toEqual(['loopback', '10.0.0.0/8']);
  });
});
