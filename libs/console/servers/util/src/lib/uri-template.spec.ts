import { expandUriTemplate, templateVariables } from './uri-template';

describe('templateVariables', () => {
  it('lists each variable once, in order', () => {
    expect(templateVariables('demo://resource/dynamic/text/{resourceId}')).toEqual(['resourceId']);
    expect(templateVariables('file:///{+path}{?rev,lang}{&rev}')).toEqual(['path', 'rev', 'lang']);
  });

  it('strips the explode and prefix modifiers from names', () => {
    expect(templateVariables('x://{/segments*}{name:3}')).toEqual(['segments', 'name']);
  });

  it('finds nothing in a plain URI', () => {
    expect(templateVariables('demo://static')).toEqual([]);
  });
});

describe('expandUriTemplate', () => {
  it('expands simple variables, percent-encoding reserved characters', () => {
    expect(expandUriTemplate('demo://resource/dynamic/text/{resourceId}', { resourceId: '1' })).toBe('demo://resource/dynamic/text/1');
    expect(expandUriTemplate('x://q/{term}', { term: 'a b/c?d' })).toBe('x://q/a%20b%2Fc%3Fd');
  });

  it('keeps reserved characters for {+var} and {#var}', () => {
    expect(expandUriTemplate('file:///{+path}', { path: 'etc/hosts' })).toBe('file:///etc/hosts');
    expect(expandUriTemplate('x://a{#frag}', { frag: 'sec/1' })).toBe('x://a#sec/1');
    expect(expandUriTemplate('file:///{+path}', { path: 'a b%20c' })).toBe('file:///a%20b%20c');
  });

  it('builds query, continuation, path, label and parameter expressions', () => {
    expect(expandUriTemplate('x://s{?q,lang}', { q: 'mcp', lang: 'en' })).toBe('x://s?q=mcp&lang=en');
    expect(expandUriTemplate('x://s?a=1{&q}', { q: 'z' })).toBe('x://s?a=1&q=z');
    expect(expandUriTemplate('x://r{/a,b}', { a: 'one', b: 'two' })).toBe('x://r/one/two');
    expect(expandUriTemplate('x://f{.ext}', { ext: 'json' })).toBe('x://f.json');
    expect(expandUriTemplate('x://m{;v}', { v: '2' })).toBe('x://m;v=2');
  });

  it('leaves out variables without a value', () => {
    expect(expandUriTemplate('x://s{?q,lang}', { lang: 'en' })).toBe('x://s?lang=en');
    expect(expandUriTemplate('x://s{?q}', {})).toBe('x://s');
    expect(expandUriTemplate('x://t/{id}', { id: '' })).toBe('x://t/');
  });

  it('applies a prefix length', () => {
    expect(expandUriTemplate('x://{name:3}', { name: 'abcdef' })).toBe('x://abc');
  });
});
