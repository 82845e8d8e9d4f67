import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

import type { LogLevel } from '@mcp-fleet/api/shared/config';

/** JSON logs on stdout; `authorization`/`cookie` headers never reach them. */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'mcp-fleet' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.token',
        '*.secret',
        '*.accessToken',
        '*.refreshToken',
        '*.sealed',
      ],
      censor: '[redacted]',
    },
  });
}

type PinoMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Routes Nest's own logging (bootstrap, module init, filters) into the same pino stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  private write(level: PinoMethod, message: unknown, optional: unknown[]): void {
    // Nest passes the context (a class name) as the last string argument.
    const context = typeof optional.at(-1) === 'string' ? (optional.pop() as string) : undefined;
    const fields: Record<string, unknown> = { context };
    let text: string | undefined;
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) {
      Object.assign(fields, message);
      text = typeof optional[0] === 'string' ? optional[0] : undefined;
    } else if (message instanceof Error) {
      fields['err'] = message;
      text = message.message;
    } else {
      text = String(message);
      if (typeof optional[0] === 'string' && level === 'error') {
        fields['stack'] = optional[0];
      }
    }
    this.logger[level](fields, text);
  }
}
