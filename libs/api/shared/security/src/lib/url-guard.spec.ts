import { runInNewContext } from 'node:vm';

import { checkRemoteUrl, type HostLookup, resolveAndCheckUrl, type UrlRefusalCode } from './url-guard';

const STRICT = { allowPrivate: false };
const PERMISSIVE = { allowPrivate: true };

/** [url, expected code, what the trick is] */
type Case = [string, UrlRefusalCode, string];

const FORBIDDEN: Case[] = [
  ['http://169.254.169.254/latest/meta-data/', 'URL_FORBIDDEN_ADDRESS', 'AWS/GCP/Azure metadata'],
  ['https://169.254.169.254:443/', 'URL_FORBIDDEN_ADDRESS', 'metadata over https with port'],
  ['HTTP://169.254.169.254/', 'URL_FORBIDDEN_ADDRESS', 'uppercase scheme'],
  ['http:169.254.169.254', 'URL_FORBIDDEN_ADDRESS', 'missing slashes'],
  ['http://169.254.170.2/v2/credentials', 'URL_FORBIDDEN_ADDRESS', 'ECS task credentials'],
  ['http://100.100.100.200/latest/meta-data', 'URL_FORBIDDEN_ADDRESS', 'Alibaba metadata inside CGNAT'],
  ['http://192.0.0.192/', 'URL_FORBIDDEN_ADDRESS', 'Oracle metadata'],
  ['http://168.63.129.16/', 'URL_FORBIDDEN_ADDRESS', 'Azure wireserver (a public-looking address)'],
  ['http://[fd00:ec2::254]/', 'URL_FORBIDDEN_ADDRESS', 'AWS IMDS over IPv6, inside unique-local'],
  ['http://2852039166/', 'URL_FORBIDDEN_ADDRESS', 'decimal IPv4'],
  ['http://0xa9fea9fe/', 'URL_FORBIDDEN_ADDRESS', 'hex IPv4'],
  ['http://0xA9FEA9FE/', 'URL_FORBIDDEN_ADDRESS', 'uppercase hex IPv4'],
  ['http://0251.0376.0251.0376/', 'URL_FORBIDDEN_ADDRESS', 'octal IPv4'],
  ['http://0xa9.0xfe.0xa9.0xfe/', 'URL_FORBIDDEN_ADDRESS', 'dotted hex IPv4'],
  ['http://169.254.43518/', 'URL_FORBIDDEN_ADDRESS', 'three-part IPv4'],
  ['http://169.16689662/', 'URL_FORBIDDEN_ADDRESS', 'two-part IPv4'],
  ['http://[::ffff:169.254.169.254]/', 'URL_FORBIDDEN_ADDRESS', 'IPv4-mapped IPv6, dotted'],
  ['http://[::ffff:a9fe:a9fe]/', 'URL_FORBIDDEN_ADDRESS', 'IPv4-mapped IPv6, hex'],
  ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'URL_FORBIDDEN_ADDRESS', 'IPv4-mapped IPv6, long form'],
  ['http://[::ffff:0:a9fe:a9fe]/', 'URL_FORBIDDEN_ADDRESS', 'IPv4-translated (RFC 6145)'],
  ['http://[64:ff9b::169.254.169.254]/', 'URL_FORBIDDEN_ADDRESS', 'NAT64 of metadata'],
  ['http://[2002:a9fe:a9fe::1]/', 'URL_FORBIDDEN_ADDRESS', '6to4 of metadata'],
  ['http://[::169.254.169.254]/', 'URL_FORBIDDEN_ADDRESS', 'IPv4-compatible IPv6'],
  ['http://[::127.0.0.1]/', 'URL_FORBIDDEN_ADDRESS', 'IPv4-compatible loopback'],
  ['http://[2001::a9fe:a9fe]/', 'URL_FORBIDDEN_ADDRESS', 'Teredo'],
  ['http://169.254.1.1/', 'URL_FORBIDDEN_ADDRESS', 'IPv4 link-local'],
  ['http://[fe80::1]/', 'URL_FORBIDDEN_ADDRESS', 'IPv6 link-local'],
  ['http://0.0.0.0/', 'URL_FORBIDDEN_ADDRESS', 'unspecified'],
  ['http://0.0.0.0:8080/', 'URL_FORBIDDEN_ADDRESS', 'unspecified with port'],
  ['http://0/', 'URL_FORBIDDEN_ADDRESS', 'unspecified, one part'],
  ['http://0x.0x.0x.0x/', 'URL_FORBIDDEN_ADDRESS', 'unspecified, empty hex parts'],
  ['http://[::]/', 'URL_FORBIDDEN_ADDRESS', 'IPv6 unspecified'],
  ['http://255.255.255.255/', 'URL_FORBIDDEN_ADDRESS', 'broadcast'],
  ['http://224.0.0.1/', 'URL_FORBIDDEN_ADDRESS', 'IPv4 multicast'],
  ['http://[ff02::1]/', 'URL_FORBIDDEN_ADDRESS', 'IPv6 multicast'],
  ['http://192.0.2.1/', 'URL_FORBIDDEN_ADDRESS', 'documentation TEST-NET-1'],
  ['http://198.51.100.7/', 'URL_FORBIDDEN_ADDRESS', 'documentation TEST-NET-2'],
  ['http://203.0.113.9/', 'URL_FORBIDDEN_ADDRESS', 'documentation TEST-NET-3'],
  ['http://[2001:db8::1]/', 'URL_FORBIDDEN_ADDRESS', 'IPv6 documentation'],
  ['http://240.0.0.1/', 'URL_FORBIDDEN_ADDRESS', 'reserved class E'],
  ['http://198.18.0.1/', 'URL_FORBIDDEN_ADDRESS', 'benchmarking'],
  ['http://[4000::1]/', 'URL_FORBIDDEN_ADDRESS', 'unallocated IPv6'],
  ['http://169。254。169。254/', 'URL_FORBIDDEN_ADDRESS', 'ideographic full stops'],
  ['http://１６９.２５４.１６９.２５４/', 'URL_FORBIDDEN_ADDRESS', 'full-width digits'],
  ['http://169.254.169.254．/', 'URL_FORBIDDEN_ADDRESS', 'full-width trailing dot'],
  ['http://%31%36%39.254.169.254/', 'URL_FORBIDDEN_ADDRESS', 'percent-encoded host'],
  ['http://169.254.169.254./', 'URL_FORBIDDEN_ADDRESS', 'trailing dot'],
  ['http://@169.254.169.254/', 'URL_FORBIDDEN_ADDRESS', 'empty userinfo'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'URL_FORBIDDEN_ADDRESS', 'GCP metadata name'],
  ['http://METADATA.GOOGLE.INTERNAL./', 'URL_FORBIDDEN_ADDRESS', 'metadata name, uppercase, trailing dot'],
  ['http://metadata/', 'URL_FORBIDDEN_ADDRESS', 'metadata short name'],
  ['http://instance-data/latest/', 'URL_FORBIDDEN_ADDRESS', 'EC2 instance-data name'],
];

const PRIVATE: Case[] = [
  ['http://127.0.0.1/', 'URL_PRIVATE_ADDRESS', 'loopback'],
  ['http://127.1/', 'URL_PRIVATE_ADDRESS', 'short loopback'],
  ['http://2130706433/', 'URL_PRIVATE_ADDRESS', 'decimal loopback'],
  ['http://0x7f.1/', 'URL_PRIVATE_ADDRESS', 'hex short loopback'],
  ['http://0X7F.0.0.1/', 'URL_PRIVATE_ADDRESS', 'uppercase hex loopback'],
  ['http://0177.0.0.1/', 'URL_PRIVATE_ADDRESS', 'octal loopback'],
  ['http://127.000.000.001/', 'URL_PRIVATE_ADDRESS', 'zero-padded loopback'],
  ['http://%30x7f.0.0.1/', 'URL_PRIVATE_ADDRESS', 'percent-encoded hex loopback'],
  ['http://127。0。0。1/', 'URL_PRIVATE_ADDRESS', 'ideographic full stops'],
  ['http://①②⑦.0.0.1/', 'URL_PRIVATE_ADDRESS', 'circled digits'],
  ['http://[::1]:8080/', 'URL_PRIVATE_ADDRESS', 'IPv6 loopback'],
  ['http://[::ffff:127.0.0.1]/', 'URL_PRIVATE_ADDRESS', 'IPv4-mapped loopback'],
  ['http://10.0.0.1/', 'URL_PRIVATE_ADDRESS', 'RFC 1918 10/8'],
  ['http://172.16.0.1/', 'URL_PRIVATE_ADDRESS', 'RFC 1918 172.16/12, low end'],
  ['http://172.31.255.254/', 'URL_PRIVATE_ADDRESS', 'RFC 1918 172.16/12, high end'],
  ['http://192.168.1.1/', 'URL_PRIVATE_ADDRESS', 'RFC 1918 192.168/16'],
  ['http://100.64.0.1/', 'URL_PRIVATE_ADDRESS', 'carrier-grade NAT'],
  ['http://[fd12:3456::1]/', 'URL_PRIVATE_ADDRESS', 'unique local'],
  ['http://[fec0::1]/', 'URL_PRIVATE_ADDRESS', 'deprecated site-local'],
  ['http://[64:ff9b::10.0.0.1]/', 'URL_PRIVATE_ADDRESS', 'NAT64 of a private address'],
  ['http://[64:ff9b:1::1]/', 'URL_PRIVATE_ADDRESS', 'local-use NAT64'],
  ['http://localhost:3000/mcp', 'URL_PRIVATE_ADDRESS', 'localhost'],
  ['http://LOCALHOST./', 'URL_PRIVATE_ADDRESS', 'localhost, uppercase, trailing dot'],
  ['http://localhost%2e/', 'URL_PRIVATE_ADDRESS', 'percent-encoded trailing dot'],
  ['http://mcp.localhost/', 'URL_PRIVATE_ADDRESS', 'subdomain of localhost'],
  ['http://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/', 'URL_PRIVATE_ADDRESS', 'enclosed letters'],
  ['http://local\u00adhost/', 'URL_PRIVATE_ADDRESS', 'soft hyphen dropped by IDNA'],
];

const MALFORMED: Case[] = [
  ['http://good.com@169.254.169.254/', 'URL_CREDENTIALS', 'userinfo that looks like a host'],
  ['http://127.0.0.1:80@evil.com/', 'URL_CREDENTIALS', 'userinfo that looks like host and port'],
  ['http://user:pass@example.com/', 'URL_CREDENTIALS', 'plain credentials'],
  ['https://:secret@example.com/', 'URL_CREDENTIALS', 'password only'],
  ['file:///etc/passwd', 'URL_SCHEME', 'file'],
  ['gopher://127.0.0.1:6379/_FLUSHALL', 'URL_SCHEME', 'gopher to redis'],
  ['ftp://example.com/', 'URL_SCHEME', 'ftp'],
  ['javascript:alert(1)', 'URL_SCHEME', 'javascript'],
  ['data:text/plain,hi', 'URL_SCHEME', 'data'],
  ['dict://127.0.0.1:11211/', 'URL_SCHEME', 'dict'],
  ['ws://example.com/', 'URL_SCHEME', 'websocket'],
  ['', 'URL_INVALID', 'empty'],
  ['169.254.169.254', 'URL_INVALID', 'no scheme'],
  ['http://', 'URL_INVALID', 'no host'],
  ['http://evil.com\\@169.254.169.254/', 'URL_INVALID', 'backslash parser differential'],
  ['http:/\\169.254.169.254/', 'URL_INVALID', 'backslash as slash'],
  ['http://169.254.169.254\t/', 'URL_INVALID', 'tab the parser would drop'],
  ['http://169.254.\n169.254/', 'URL_INVALID', 'newline inside the host'],
  [' http://169.254.169.254/', 'URL_INVALID', 'leading space'],
  ['http://exa mple.com/', 'URL_INVALID', 'space in host'],
  ['http://example.com\u2028/', 'URL_INVALID', 'unicode line separator'],
  ['http://127.0.0.1\u0000/', 'URL_INVALID', 'NUL'],
  ['http://1.2.3.4.5/', 'URL_INVALID', 'five-part number host'],
  ['http://169.254.169.254%2f/', 'URL_INVALID', 'percent-encoded slash in host'],
  ['http://[fe80::1%25eth0]/', 'URL_INVALID', 'IPv6 zone id'],
  ['http://[::1/', 'URL_INVALID', 'unclosed bracket'],
  [`https://example.com/${'a'.repeat(2048)}`, 'URL_INVALID', 'over 2048 characters'],
];

describe('checkRemoteUrl', () => {
  it('holds a corpus of more than 50 hostile URLs', () => {
    expect(FORBIDDEN.length + PRIVATE.length + MALFORMED.length).toBeGreaterThanOrEqual(100);
  });

  it.each([...FORBIDDEN, ...PRIVATE, ...MALFORMED])('refuses %j with %s (%s)', (url, code) => {
    const verdict = checkRemoteUrl(url, STRICT);

    expect(verdict).toMatchObject({ ok: false, code });
    expect(verdict.ok ? '' : verdict.reason).not.toBe('');
  });

  it.each(FORBIDDEN)('still refuses %j when private addresses are allowed (%s)', (url) => {
    expect(checkRemoteUrl(url, PERMISSIVE)).toMatchObject({ ok: false, code: 'URL_FORBIDDEN_ADDRESS' });
  });

  it.each(PRIVATE)('accepts %j when private addresses are allowed (%s)', (url) => {
    expect(checkRemoteUrl(url, PERMISSIVE)).toMatchObject({ ok: true });
  });

  it.each(MALFORMED)('refuses %j whatever the private policy (%s)', (url, code) => {
    expect(checkRemoteUrl(url, PERMISSIVE)).toMatchObject({ ok: false, code });
  });

  it.each([
    ['https://mcp.example.com/mcp', 'mcp.example.com'],
    ['https://api.github.com/', 'api.github.com'],
    ['http://1.1.1.1/', '1.1.1.1'],
    ['https://8.8.8.8:8443/sse', '8.8.8.8'],
    ['http://[2606:4700:4700::1111]/', '[2606:4700:4700::1111]'],
    ['http://[64:ff9b::8.8.8.8]/', '[64:ff9b::808:808]'],
    ['https://пример.рф/mcp', 'xn--e1afmkfd.xn--p1ai'],
    ['https://example.com./', 'example.com.'],
    ['https://example.com/path?q=%20x&r=a@b#frag', 'example.com'],
    ['https://169.254.169.254.nip.io/', '169.254.169.254.nip.io'],
    ['https://localhost.example.com/', 'localhost.example.com'],
  ])('accepts %j and returns the parsed URL', (raw, hostname) => {
    const verdict = checkRemoteUrl(raw, STRICT);

    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.url.hostname).toBe(hostname);
  });

  it('accepts a URL of exactly 2048 characters', () => {
    const raw = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length)}`;

    expect(raw).toHaveLength(2048);
    expect(checkRemoteUrl(raw, STRICT).ok).toBe(true);
  });

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://169。254。169。254/', '169.254.169.254'],
    ['http://[::ffff:169.254.169.254]/', '[::ffff:a9fe:a9fe]'],
  ])('relies on WHATWG URL turning %j into %j', (raw, hostname) => {
    expect(new URL(raw).hostname).toBe(hostname);
  });

  it('names the address and its kind in the reason', () => {
    expect(checkRemoteUrl('http://0xa9fea9fe/', STRICT)).toEqual({
      ok: false,
      code: 'URL_FORBIDDEN_ADDRESS',
      reason: '169.254.169.254 is a cloud metadata address',
    });
    expect(checkRemoteUrl('http://[::ffff:10.1.2.3]/', STRICT)).toMatchObject({
      reason: expect.stringContaining('10.1.2.3 is in the private range') as unknown,
    });
  });
});

describe('resolveAndCheckUrl', () => {
  const resolvesTo =
    (...addresses: string[]): HostLookup =>
    () =>
      Promise.resolve(addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));

  it('returns every resolved address for a public name, in resolver order', async () => {
    const lookup = jest.fn(resolvesTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'));

    const verdict = await resolveAndCheckUrl('https://Example.COM/mcp', STRICT, lookup);

    expect(verdict).toMatchObject({ ok: true, addresses: ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'] });
    expect(lookup).toHaveBeenCalledWith('example.com');
  });

  it('looks up the punycode form of an IDN', async () => {
    const lookup = jest.fn(resolvesTo('1.1.1.1'));

    await resolveAndCheckUrl('https://пример.рф/', STRICT, lookup);

    expect(lookup).toHaveBeenCalledWith('xn--e1afmkfd.xn--p1ai');
  });

  it.each([
    ['https://169.254.169.254.nip.io/', ['169.254.169.254']],
    ['https://rebind.example.com/', ['169.254.169.254']],
    ['https://rebind.example.com/', ['::ffff:169.254.169.254']],
    ['https://rebind.example.com/', ['fe80::1%eth0']],
    ['https://rebind.example.com/', ['fd00:ec2::254']],
    ['https://rebind.example.com/', ['0.0.0.0']],
    ['https://rebind.example.com/', ['1.1.1.1', '169.254.169.254']],
    ['https://rebind.example.com/', ['10.0.0.1', '169.254.170.2']],
  ])('refuses %j resolving to %j even with private addresses allowed', async (raw, addresses) => {
    const verdict = await resolveAndCheckUrl(raw, PERMISSIVE, resolvesTo(...addresses));

    expect(verdict).toMatchObject({ ok: false, code: 'URL_FORBIDDEN_ADDRESS' });
  });

  it.each([[['127.0.0.1']], [['::1']], [['1.1.1.1', '10.0.0.5']], [['192.168.0.10', '2606:4700::1111']]])(
    'refuses a name resolving to %j unless private addresses are allowed',
    async (addresses) => {
      const strict = await resolveAndCheckUrl('https://internal.example.com/', STRICT, resolvesTo(...addresses));
      const permissive = await resolveAndCheckUrl('https://internal.example.com/', PERMISSIVE, resolvesTo(...addresses));

      expect(strict).toMatchObject({ ok: false, code: 'URL_PRIVATE_ADDRESS' });
      expect(strict.ok ? '' : strict.reason).toContain('internal.example.com resolves to');
      expect(permissive).toMatchObject({ ok: true, addresses });
    },
  );

  it('reports the forbidden address even when a private one comes first', async () => {
    const verdict = await resolveAndCheckUrl('https://x.example.com/', STRICT, resolvesTo('10.0.0.1', '169.254.169.254'));

    expect(verdict).toMatchObject({ ok: false, code: 'URL_FORBIDDEN_ADDRESS' });
  });

  it('does not resolve a URL the sync check refuses', async () => {
    const lookup = jest.fn(resolvesTo('1.1.1.1'));

    const verdict = await resolveAndCheckUrl('http://metadata.google.internal/', PERMISSIVE, lookup);

    expect(verdict).toMatchObject({ ok: false, code: 'URL_FORBIDDEN_ADDRESS' });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('does not resolve an IP literal and returns it without brackets', async () => {
    const lookup = jest.fn(resolvesTo('169.254.169.254'));

    const v4 = await resolveAndCheckUrl('http://1.1.1.1:8080/', STRICT, lookup);
    const v6 = await resolveAndCheckUrl('http://[2606:4700:4700::1111]/', STRICT, lookup);

    expect(v4).toMatchObject({ ok: true, addresses: ['1.1.1.1'] });
    expect(v6).toMatchObject({ ok: true, addresses: ['2606:4700:4700::1111'] });
    expect(lookup).not.toHaveBeenCalled();
  });

  it('refuses a name that does not resolve, with the resolver error code', async () => {
    const lookup: HostLookup = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND nope.invalid'), { code: 'ENOTFOUND' }));

    const verdict = await resolveAndCheckUrl('https://nope.invalid/', STRICT, lookup);

    expect(verdict).toEqual({ ok: false, code: 'URL_UNRESOLVABLE', reason: 'nope.invalid could not be resolved (ENOTFOUND)' });
  });

  it('reads the code of a resolver error from another realm', async () => {
    // Errors from Node's core are not `instanceof Error` inside Jest's sandbox; this one is made the same way.
    const foreign = runInNewContext('Object.assign(new Error("getaddrinfo EAI_AGAIN"), { code: "EAI_AGAIN" })') as Error;
    const lookup: HostLookup = () => Promise.reject(foreign);

    expect(foreign instanceof Error).toBe(false);

    await expect(resolveAndCheckUrl('https://slow.example.com/', STRICT, lookup)).resolves.toEqual({
      ok: false,
      code: 'URL_UNRESOLVABLE',
      reason: 'slow.example.com could not be resolved (EAI_AGAIN)',
    });
  });

  it('refuses a name with no addresses or with something that is not an address', async () => {
    await expect(resolveAndCheckUrl('https://a.example.com/', STRICT, resolvesTo())).resolves.toMatchObject({
      ok: false,
      code: 'URL_UNRESOLVABLE',
    });
    await expect(resolveAndCheckUrl('https://a.example.com/', STRICT, resolvesTo('1.1.1.1', 'not-an-ip'))).resolves.toMatchObject({
      ok: false,
      code: 'URL_UNRESOLVABLE',
    });
  });

  it('uses the system resolver by default', async () => {
    // localhost is in every hosts file, so this needs no network.
    const verdict = await resolveAndCheckUrl('http://localhost:3000/', PERMISSIVE);

    expect(verdict.ok).toBe(true);
    expect(verdict.ok && verdict.addresses.length).toBeGreaterThan(0);
    expect(verdict.ok && verdict.addresses.every((a) => a === '127.0.0.1' || a === '::1')).toBe(true);
  });
});
