import { NotFoundException, PayloadTooLargeException } from '@nestjs/common';

import { DomainError } from './domain-error';
import { toErrorResponse } from './error-response';

describe('toErrorResponse', () => {
  it('maps a domain error to its status and keeps code, details and correlation id', () => {
    const error = new DomainError('VERSION_CONFLICT', 'stale', { currentVersion: 3 });

    expect(toErrorResponse(error, 'c-1')).toEqual({
      unexpected: false,
      body: { statusCode: 409, code: 'VERSION_CONFLICT', message: 'stale', details: { currentVersion: 3 }, correlationId: 'c-1' },
    });
  });

  it('maps Fastify body errors raised before routing', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    const badType = Object.assign(new Error('Unsupported Media Type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });

    expect(toErrorResponse(tooLarge, 'c').body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toErrorResponse(badType, 'c').body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('maps malformed JSON to INVALID_JSON', () => {
    const syntax = Object.assign(new SyntaxError('Unexpected token } in JSON'), { statusCode: 400 });

    expect(toErrorResponse(syntax, 'c').body).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
  });

  it('maps Nest HTTP exceptions to stable codes', () => {
    expect(toErrorResponse(new NotFoundException(), 'c').body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    expect(toErrorResponse(new PayloadTooLargeException(), 'c').body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('hides the message of an unexpected error and flags it for logging', () => {
    const result = toErrorResponse(new Error('password=hunter2 in a stack'), 'c-9');

    expect(result.unexpected).toBe(true);
    expect(result.body).toEqual({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: 'Internal error; quote the correlation id when reporting it',
      correlationId: 'c-9',
    });
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    [
      'a TypeORM wrapper around a refused connection',
      Object.assign(new Error('query failed'), { driverError: { code: 'ECONNREFUSED', message: 'x' } }),
    ],
  ])('answers 503 SERVICE_UNAVAILABLE, not 500, when the database is away: %s', (_, error) => {
    const { body, unexpected } = toErrorResponse(error, 'corr-9');
    expect(body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(unexpected).toBe(false);
  });

  it('keeps a constraint violation a bug (500), not an outage', () => {
    const error = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(toErrorResponse(error, 'corr-10').body.statusCode).toBe(500);
  });
});
