import { isTransientDatabaseError } from './event-store.service';

describe('isTransientDatabaseError', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), true],
    [Object.assign(new Error('could not serialize access'), { code: '40001' }), true],
    [Object.assign(new Error('too many connections'), { code: '53300' }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [Object.assign(new Error('new row violates check constraint'), { code: '23514' }), false],
    [Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }), false],
    [new TypeError('Do not know how to serialize a BigInt'), false],
    [new Error('something else entirely'), false],
  ])('%s → retry: %s', (error, retry) => {
    expect(isTransientDatabaseError(error)).toBe(retry);
  });
});
