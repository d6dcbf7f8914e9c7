import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { httpPost } from '../../notifications/delivery/http-post';
import { checkDestination, guardedLookup, isPublicAddress } from './destination';

describe('webhook destinations', () => {
  it('are public unicast addresses only', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '224.0.0.1', 'nonsense']) {
      expect({ address, public: isPublicAddress(address) }).toEqual({ address, public: false });
    }
    for (const address of ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:93.184.215.14']) expect(isPublicAddress(address)).toBe(true);
  });

  it('refuse other schemes, credentials and hosts that resolve to private addresses', async () => {
    await expect(checkDestination('ftp://example.com/x', true)).rejects.toThrow('http or https');
    await expect(checkDestination('https://user:pw@example.com/x', true)).rejects.toThrow('credentials');
    await expect(checkDestination('http://127.0.0.1:8080/hook', false)).rejects.toThrow('127.0.0.1, a private');
    await expect(checkDestination('http://localhost/hook', false)).rejects.toThrow(/resolves to (127\.0\.0\.1|::1)/);
    await expect(checkDestination('http://[::1]/hook', false)).rejects.toThrow('::1');
    await expect(checkDestination('http://127.0.0.1:8080/hook', true)).resolves.toBeUndefined();
  });

  it('are checked again when connecting, after DNS', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://localhost:${(server.address() as AddressInfo).port}/`;
    try {
      await expect(httpPost(url, '{}', { headers: {}, timeoutMs: 2000, lookup: guardedLookup(false) })).rejects.toThrow('private, loopback or link-local');
      await expect(httpPost(url, '{}', { headers: {}, timeoutMs: 2000, lookup: guardedLookup(true) })).resolves.toMatchObject({ status: 200, body: 'ok' });
    } finally {
      server.close();
    }
  });
});
