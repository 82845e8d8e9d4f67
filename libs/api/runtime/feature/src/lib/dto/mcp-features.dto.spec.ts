import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { RESOURCE_READ_LIMITS } from '@mcp-fleet/shared/contracts';

import { CompleteDto } from './complete.dto';
import { GetPromptDto } from './get-prompt.dto';
import { ReadResourceQueryDto } from './read-resource.query.dto';
import { STRING_MAP_MAX_ENTRIES } from './string-map';

function problems(type: new () => object, body: unknown): string[] {
  const errors = validateSync(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true });
  const paths = (list: typeof errors, prefix: string): string[] =>
    list.flatMap((error) =>
      error.children?.length ? paths(error.children, `${prefix}${error.property}.`) : [`${prefix}${error.property}`],
    );
  return paths(errors, '');
}

describe('ReadResourceQueryDto', () => {
  it('takes a uri of 1 to uriMaxLength characters, and nothing else', () => {
    expect(problems(ReadResourceQueryDto, { uri: 'demo://a' })).toEqual([]);
    expect(problems(ReadResourceQueryDto, { uri: 'x'.repeat(RESOURCE_READ_LIMITS.uriMaxLength) })).toEqual([]);
    expect(problems(ReadResourceQueryDto, { uri: 'x'.repeat(RESOURCE_READ_LIMITS.uriMaxLength + 1) })).toEqual(['uri']);
    expect(problems(ReadResourceQueryDto, { uri: '' })).toEqual(['uri']);
    expect(problems(ReadResourceQueryDto, {})).toEqual(['uri']);
    expect(problems(ReadResourceQueryDto, { uri: ['demo://a', 'demo://b'] })).toEqual(['uri']);
  });
});

describe('GetPromptDto', () => {
  it('takes arguments as a map of strings, or none', () => {
    expect(problems(GetPromptDto, {})).toEqual([]);
    expect(problems(GetPromptDto, { arguments: { city: 'Lisbon', state: '' } })).toEqual([]);
    expect(problems(GetPromptDto, { arguments: { city: 42 } })).toEqual(['arguments']);
    expect(problems(GetPromptDto, { arguments: { city: null } })).toEqual(['arguments']);
    expect(problems(GetPromptDto, { arguments: ['Lisbon'] })).toEqual(['arguments']);
    expect(problems(GetPromptDto, { arguments: 'city=Lisbon' })).toEqual(['arguments']);
    const many = Object.fromEntries(Array.from({ length: STRING_MAP_MAX_ENTRIES + 1 }, (_, i) => [`a${i}`, 'v']));
    expect(problems(GetPromptDto, { arguments: many })).toEqual(['arguments']);
  });
});

describe('CompleteDto', () => {
  const argument = { name: 'department', value: 'S' };

  it('takes a prompt ref with a name or a resource ref with a uri', () => {
    expect(problems(CompleteDto, { ref: { type: 'ref/prompt', name: 'p' }, argument })).toEqual([]);
    expect(problems(CompleteDto, { ref: { type: 'ref/resource', uri: 'demo://t/{id}' }, argument: { name: 'id', value: '' } })).toEqual([]);
    expect(
      problems(CompleteDto, { ref: { type: 'ref/prompt', name: 'p' }, argument, context: { arguments: { department: 'Sales' } } }),
    ).toEqual([]);
  });

  it('refuses any other ref: another type, a missing or empty name or uri, a name on a resource', () => {
    for (const ref of [
      { type: 'ref/tool', name: 'echo' },
      { type: 'ref/prompt' },
      { type: 'ref/prompt', name: '' },
      { type: 'ref/resource', name: 'p' },
      { type: 'ref/resource', uri: 'x'.repeat(RESOURCE_READ_LIMITS.uriMaxLength + 1) },
      { type: 'ref/prompt', name: 'p', extra: true },
      'ref/prompt',
      null,
    ]) {
      expect([ref, problems(CompleteDto, { ref, argument })]).toEqual([ref, ['ref']]);
    }
  });

  it('needs an argument with a name and a string value, and context arguments as strings', () => {
    const ref = { type: 'ref/prompt', name: 'p' };
    expect(problems(CompleteDto, { ref })).toEqual(['argument']);
    expect(problems(CompleteDto, { ref, argument: { name: '', value: 'S' } })).toEqual(['argument.name']);
    expect(problems(CompleteDto, { ref, argument: { name: 'department', value: 1 } })).toEqual(['argument.value']);
    expect(problems(CompleteDto, { ref, argument, context: { arguments: { department: 1 } } })).toEqual(['context.arguments']);
  });
});
