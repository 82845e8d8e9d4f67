import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';

import { UsersService } from '@mcp-fleet/api/auth/feature';
import { systemContext } from '@mcp-fleet/api/shared/authz';
import { loadAppConfig } from '@mcp-fleet/api/shared/config';
import { AUTH_LIMITS, type Role, ROLES } from '@mcp-fleet/shared/contracts';

import { loadKeyRing, openDatabase } from './app/boot';
import { CliModule } from './app/cli.module';

const USAGE = `Usage: node cli.js user:create --email <email> --role <${ROLES.join('|')}> [--name <display name>]
                              (--password-stdin | --generate-password)

Reads the same environment as the API (DATABASE_URL, DATA_DIR, ...). With the embedded
database, stop the API first: one process owns DATA_DIR at a time.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      'generate-password': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals[0] !== 'user:create' || !values.email || !ROLES.includes(values.role as Role)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (Boolean(values['password-stdin']) === Boolean(values['generate-password'])) {
    process.stderr.write('Choose exactly one of --password-stdin and --generate-password (never a password on the command line)\n');
    return 2;
  }
  const password = values['generate-password'] ? randomBytes(18).toString('base64url') : await readStdin();
  if (password.length < AUTH_LIMITS.passwordMinLength || password.length > AUTH_LIMITS.passwordMaxLength) {
    process.stderr.write(`The password must be ${AUTH_LIMITS.passwordMinLength}-${AUTH_LIMITS.passwordMaxLength} characters long\n`);
    return 2;
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) {
    process.stderr.write('--email must be an email address\n');
    return 2;
  }

  // ADMIN_* are for the API's first boot; this command creates exactly the user it is asked for.
  const config = loadAppConfig({ ...process.env, ADMIN_EMAIL: '', ADMIN_PASSWORD: '' });
  const database = await openDatabase(config, 2);
  try {
    const app = await NestFactory.createApplicationContext(CliModule.register(config, loadKeyRing(config).ring, database.connection), {
      logger: ['error'],
    });
    try {
      const user = await app
        .get(UsersService)
        .create({ email: values.email, role: values.role as Role, password, displayName: values.name }, systemContext());
      process.stdout.write(`Created ${user.role} ${user.email} (${user.id})\n`);
      if (values['generate-password']) {
        process.stdout.write(`Password (shown once): ${password}\n`);
      }
      return 0;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const { code, message } = error as { code?: string; message?: string };
    process.stderr.write(`user:create failed: ${code ? `${code}: ` : ''}${message ?? String(error)}\n`);
    process.exit(1);
  },
);
