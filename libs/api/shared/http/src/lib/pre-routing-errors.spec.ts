import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';

import { answerClientError } from './pre-routing-errors';

/**
 * A request Node's parser refuses by its head (a control character in a header) while the client
 * is still writing a large body: the client must read the 400, not lose it to a reset.
 */
describe('answerClientError', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('routed'));
    server.on('clientError', answerClientError);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a refused head and lets the client finish writing its body', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 'a');
    const head = `POST /x HTTP/1.1\r\nhost: 127.0.0.1\r\nx-correlation-id: \x01\r\ncontent-length: ${body.length}\r\n\r\n`;
    const outcome = await new Promise<{ answer: string; error?: string }>((resolve) => {
      const chunks: Buffer[] = [];
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(head, 'latin1');
        socket.write(body);
      });
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', (error) => resolve({ answer: Buffer.concat(chunks).toString(), error: error.message }));
      socket.on('close', () => resolve({ answer: Buffer.concat(chunks).toString() }));
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(outcome.answer).toContain('"code":"VALIDATION_FAILED"');
  });
});
