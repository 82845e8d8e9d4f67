// A 2026-07-28 server whose tool asks its client for input the 2026 way: `deploy {env}` answers
// `resultType: 'input_required'` with an elicitation (`confirm`) and an opaque `requestState`,
// and deploys only when called again with `inputResponses.confirm` accepted and the state echoed.
// Over stdio; the fixture tools of lib.mjs are there too.
import { acceptedContent, fromJsonSchema, inputRequired } from '@modelcontextprotocol/server';

import { createFixtureServer, serveStdio } from './lib.mjs';

const confirmation = fromJsonSchema({ type: 'object', properties: { confirm: { type: 'boolean' } }, required: ['confirm'] });

function factory() {
  const server = createFixtureServer({ name: 'input-server' });
  server.registerTool(
    'deploy',
    {
      description: 'Deploy after the client confirms',
      inputSchema: fromJsonSchema({ type: 'object', properties: { env: { type: 'string' } }, required: ['env'] }),
    },
    ({ env }, ctx) => {
      const confirmed = acceptedContent(ctx.mcpReq.inputResponses, 'confirm', confirmation);
      if (confirmed?.confirm !== true) {
        return inputRequired({
          inputRequests: { confirm: inputRequired.elicit({ message: `Deploy to ${env}?`, requestedSchema: confirmation }) },
          requestState: `deploy:${env}`,
        });
      }
      return { content: [{ type: 'text', text: `deployed to ${env}` }] };
    },
  );
  return server;
}

process.on('SIGTERM', () => process.exit(0));
serveStdio(factory);
console.error(`fixture input-server ready pid=${process.pid}`);
