import { classifyIp } from './ip-classification';

describe('classifyIp', () => {
  it.each([
    ['1.1.1.1'],
    ['8.8.8.8'],
    ['93.184.215.14'],
    ['172.32.0.1'], // just past 172.16/12
    ['100.128.0.1'], // just past 100.64/10
    ['2606:4700:4700::1111'],
    ['64:ff9b::808:808'], // NAT64 of 8.8.8.8
    ['2002:808:808::1'], // 6to4 of 8.8.8.8
  ])('calls %s public', (address) => {
    expect(classifyIp(address)).toEqual({ kind: 'public' });
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.255.255.255', 'private'],
    ['100.127.255.254', 'carrier grade nat'],
    ['::1', 'loopback'],
    ['fc00::1', 'unique local'],
    ['::ffff:192.168.0.1', 'private'],
  ])('calls %s private (%s)', (address, words) => {
    expect(classifyIp(address)).toEqual({ kind: 'private', reason: expect.stringContaining(words) as unknown });
  });

  it.each([
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.170.23', 'cloud metadata'],
    ['100.100.100.200', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
    ['fd00:ec2:0::254%eth0', 'cloud metadata'],
    ['169.254.0.1', 'link local'],
    ['0.1.2.3', 'unspecified'],
    ['192.175.48.1', 'as112'],
    ['100::1', 'discard'],
    ['5f00::1', 'segment routing'],
    ['2001:20::1', 'orchid2'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 address, and 169.254.169.254 is a cloud metadata address'],
    ['::2', 'IPv4-compatible'],
  ])('calls %s forbidden (%s)', (address, words) => {
    expect(classifyIp(address)).toEqual({ kind: 'forbidden', reason: expect.stringContaining(words) as unknown });
  });

  it('keeps an embedded private address private rather than forbidden', () => {
    expect(classifyIp('64:ff9b::a00:1')).toEqual({
      kind: 'private',
      reason: '64:ff9b::a00:1 is a NAT64 address, and 10.0.0.1 is in the private range',
    });
    expect(classifyIp('2002:7f00:1::')).toEqual({
      kind: 'private',
      reason: '2002:7f00:1:: is a 6to4 address, and 127.0.0.1 is in the loopback range',
    });
  });

  it.each(['', 'example.com', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4.5', '[::1]', '::g'])(
    'does not take %j for an address',
    (text) => {
      expect(classifyIp(text)).toBeUndefined();
    },
  );
});
