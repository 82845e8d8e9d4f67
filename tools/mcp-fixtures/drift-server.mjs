// A server whose tool definitions come from its environment, for tool-drift control (a "rug
// pull": an update that changes what a trusted tool tells the model). `lookup {word}` has the
// description in LOOKUP_DESCRIPTION (default `Look a word up`); with EXTRA_TOOL set, a tool of
// that name appears too. Over stdio, both eras; the fixture tools of lib.mjs are there too.
import { fromJsonSchema } from '@modelcontextprotocol/server';

import { createFixtureServer, serveStdio } from './lib.mjs';

const text = (value) => ({ content: [{ type: 'text', text: String(value) }] });

function factory() {
  const server = createFixtureServer({ name: 'drift-server' });
  server.registerTool(
    'lookup',
    {
      description: process.env.LOOKUP_DESCRIPTION ?? 'Look a word up',
      inputSchema: fromJsonSchema({ type: 'object', properties: { word: { type: 'string' } }, required: ['word'] }),
    },
    ({ word }) => text(`${word}: a word`),
  );
  const extra = process.env.EXTRA_TOOL;
  if (extra) server.registerTool(extra, { description: `The ${extra} tool` }, () => text(`${extra} ran`));
  return server;
}

process.on('SIGTERM', () => process.exit(0));
serveStdio(factory);
console.error(`fixture drift-server ready pid=${process.pid}`);
