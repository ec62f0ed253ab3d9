// node sideband.mjs <api base URL> <platform key> <call id>: OpenAI's official Node SDK, unmodified, on the sideband of
// a live call. It sends a session.update into the call (the browser, the call's peer, must see it), then waits for
// the conversation item the browser adds in reply, printing each server event it receives as one JSON line.
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import net from 'node:net';

const [baseURL, apiKey, callID] = process.argv.slice(2);
const client = new OpenAI({ apiKey, baseURL: new URL('/v1', baseURL).toString() });
// The SDK always dials wss:, and the test's api listens on plain loopback HTTP: ws's documented createConnection
// option opens a plain TCP socket for it. Everything else (URL, headers, events) is the SDK's own.
const realtime = new OpenAIRealtimeWS({ callID, options: { createConnection: (options) => net.connect({ host: options.host, port: options.port }) } }, client);

const deadline = setTimeout(() => { console.error('timed out waiting for the browser\'s item'); process.exit(2); }, 20000);
realtime.on('error', (error) => { console.error(`sdk error: ${error.message}`); process.exit(3); });
realtime.on('event', (event) => {
  console.log(JSON.stringify(event));
  if (event.type === 'conversation.item.added' && event.item?.content?.[0]?.text === 'From the browser') {
    clearTimeout(deadline);
    realtime.close();
    process.exit(0);
  }
});
realtime.socket.on('open', () => {
  realtime.send({ type: 'session.update', session: { type: 'realtime', instructions: 'From the Node SDK sideband' } });
});
