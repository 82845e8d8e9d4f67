import { ForwardCredential } from './forward-credential';

describe('ForwardCredential', () => {
  const credential = new ForwardCredential('a shared secret of the replicas');

  it('accepts what a replica with the same secret signed', () => {
    expect(credential.verify(credential.sign('{"a":1}'), '{"a":1}')).toBe(true);
  });

  it('refuses another body, another secret, an old signature and garbage', () => {
    const header = credential.sign('{"a":1}');
    expect(credential.verify(header, '{"a":2}')).toBe(false);
    expect(new ForwardCredential('another secret').verify(header, '{"a":1}')).toBe(false);
    expect(credential.verify(credential.sign('{}', Date.now() - 120_000), '{}')).toBe(false);
    for (const bad of [undefined, '', 'x.y', `${Date.now()}.zz`, `${Date.now()}.${'0'.repeat(64)}`]) {
      expect(credential.verify(bad, '{}')).toBe(false);
    }
  });
});
