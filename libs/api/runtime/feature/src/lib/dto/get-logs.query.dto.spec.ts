import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { GetLogsQueryDto } from './get-logs.query.dto';

function problems(query: Record<string, string>): string[] {
  return validateSync(plainToInstance(GetLogsQueryDto, query)).map((error) => error.property);
}

describe('GetLogsQueryDto', () => {
  it('takes a seq or an ISO-8601 time as since', () => {
    expect(problems({ since: '0' })).toEqual([]);
    expect(problems({ since: '123456789012345' })).toEqual([]);
    expect(problems({ since: '2026-01-01T12:00:00Z' })).toEqual([]);
    expect(problems({ since: '2026-01-01T12:00:00.123+02:00' })).toEqual([]);
    expect(problems({ since: '-1' })).toEqual(['since']);
    expect(problems({ since: '1234567890123456' })).toEqual(['since']); // past exact JS numbers
    expect(problems({ since: 'yesterday' })).toEqual(['since']);
  });

  it('keeps limit within 1..1000 and runId a uuid', () => {
    expect(problems({ limit: '1000', runId: '00000000-0000-4000-8000-000000000001' })).toEqual([]);
    expect(problems({ limit: '0' })).toEqual(['limit']);
    expect(problems({ limit: '1001' })).toEqual(['limit']);
    expect(problems({ limit: '2.5' })).toEqual(['limit']);
    expect(problems({ runId: 'not-a-uuid' })).toEqual(['runId']);
  });
});
