import { correlationIdFrom } from './correlation-id';

describe('correlationIdFrom', () => {
  it('keeps a safe id sent by the caller', () => {
    expect(correlationIdFrom('req-42.abc')).toBe('req-42.abc');
    expect(correlationIdFrom(['first', 'second'])).toBe('first');
  });

  it.each([undefined, '', 'has space', 'x'.repeat(129), 'line\nbreak', '<script>'])('replaces %p with a fresh UUID', (header) => {
    expect(correlationIdFrom(header)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
