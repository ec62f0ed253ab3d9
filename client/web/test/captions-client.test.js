// The captions client's ordering rules, without a browser or a server: held captions during a Watch,
// dedupe by seq, resume with the last applied seq after a reconnect or a final close, refused links and Watches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CaptionsClient } from '../captions-client.js';
import { FakeConnection, fakeSignalR, settle } from './fake-signalr.js';

const SESSION = 'ses_test';
const update = (seq, segmentId, kind = 'final', text = `text ${seq}`) =>
  ({ sessionId: SESSION, seq, segmentId, role: 'user', kind, text });

function startClient() {
  const connection = new FakeConnection();
  const applied = [];
  const states = [];
  const statuses = [];
  const client = new CaptionsClient({
    sessionId: SESSION,
    accessTokenFactory: () => 'jwt',
    signalR: fakeSignalR(connection),
    onCaption: u => applied.push(u.seq),
    onSessionState: s => states.push(s),
    onStatus: s => statuses.push(s),
  });
  client.start();
  return { client, connection, applied, states, statuses };
}

async function answerWatch(connection, answer) {
  await settle();
  const watch = connection.invocations.at(-1);
  assert.equal(watch.method, 'Watch');
  watch.resolve(answer);
  await settle();
  return watch.args;
}

test('captions pushed before the Watch answer are held, then applied once each, in seq order', async () => {
  const { client, connection, applied, states } = startClient();
  await settle();
  connection.push('Caption', update(4, 'b'));
  connection.push('Caption', update(3, 'a'));
  const args = await answerWatch(connection, { state: 'live', lastSeq: 3, updates: [update(2, 'x'), update(3, 'a')] });
  assert.deepEqual(args, [SESSION, 0]);
  assert.deepEqual(applied, [2, 3, 4]);
  assert.deepEqual(states, ['live']);
  assert.equal(client.lastSeq, 4);
  assert.equal(client.status, 'connected');
});

test('a repeated or older seq is never applied, and other sessions are ignored', async () => {
  const { connection, applied } = startClient();
  await answerWatch(connection, { state: 'live', lastSeq: 0, updates: [] });
  connection.push('Caption', update(1, 'a', 'partial'));
  connection.push('Caption', update(1, 'a', 'partial'));
  connection.push('Caption', update(3, 'a'));
  connection.push('Caption', update(2, 'a', 'partial'));
  connection.push('Caption', { ...update(9, 'z'), sessionId: 'ses_other' });
  assert.deepEqual(applied, [1, 3]);
});

test('the catch-up covers up to its lastSeq even when partials were coalesced away', async () => {
  const { client, connection, applied } = startClient();
  await settle();
  connection.push('Caption', update(6, 'a', 'partial'));
  await answerWatch(connection, { state: 'live', lastSeq: 7, updates: [update(7, 'a', 'partial')] });
  assert.deepEqual(applied, [7]);
  assert.equal(client.lastSeq, 7);
});

test('after an automatic reconnect it watches again from its last seq and misses nothing', async () => {
  const { client, connection, applied, statuses } = startClient();
  await answerWatch(connection, { state: 'live', lastSeq: 2, updates: [update(1, 'a'), update(2, 'b')] });
  connection.drop();
  assert.equal(client.status, 'reconnecting');
  connection.reconnect();
  connection.push('Caption', update(5, 'd'));
  const args = await answerWatch(connection, { state: 'live', lastSeq: 4, updates: [update(3, 'c'), update(4, 'd', 'partial')] });
  assert.deepEqual(args, [SESSION, 2]);
  assert.deepEqual(applied, [1, 2, 3, 4, 5]);
  assert.deepEqual(statuses, ['connecting', 'connected', 'reconnecting', 'connected']);
});

test('after a final close it starts a new connection by itself and resumes', async () => {
  const { connection, applied } = startClient();
  await answerWatch(connection, { state: 'live', lastSeq: 1, updates: [update(1, 'a')] });
  connection.close();
  const args = await answerWatch(connection, { state: 'live', lastSeq: 2, updates: [update(2, 'b')] });
  assert.equal(connection.starts, 2);
  assert.deepEqual(args, [SESSION, 1]);
  assert.deepEqual(applied, [1, 2]);
});

test('a settled segment never turns back into a partial', async () => {
  const { client, connection, applied } = startClient();
  await answerWatch(connection, { state: 'live', lastSeq: 1, updates: [update(1, 'a', 'final', 'Done.')] });
  connection.push('Caption', update(2, 'a', 'partial', 'Do'));
  assert.deepEqual(applied, [1]);
  assert.equal(client.segments.get('a').text, 'Done.');
  assert.equal(client.lastSeq, 2);
});

test('a refused link stops trying and says so', async () => {
  const connection = new FakeConnection();
  connection.startFailures.push(new Error("Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'"));
  const statuses = [];
  const client = new CaptionsClient({
    sessionId: SESSION, accessTokenFactory: () => 'expired', signalR: fakeSignalR(connection), onStatus: s => statuses.push(s),
  });
  await client.start();
  assert.deepEqual(statuses, ['connecting', 'unauthorized']);
  assert.equal(connection.starts, 1);
});

for (const [code, message, status] of [
  ['not_visible', "No session 'ses_test' is visible to this token.", 'unauthorized'],
  ['invalid_after_seq', 'afterSeq must be 0 or more.', 'refused'],
]) {
  test(`a Watch refused as ${code} stops for good and says why`, async () => {
    const connection = new FakeConnection();
    const statuses = [];
    const applied = [];
    const client = new CaptionsClient({
      sessionId: SESSION, accessTokenFactory: () => 'jwt', signalR: fakeSignalR(connection),
      onCaption: u => applied.push(u.seq), onStatus: (s, detail) => statuses.push([s, detail]),
    });
    client.start();
    await answerWatch(connection, { state: null, lastSeq: null, updates: [], refusal: { code, message, retryAfterMs: null } });
    assert.deepEqual(statuses.map(([s]) => s), ['connecting', status]);
    assert.ok(statuses.at(-1)[1].startsWith(message));
    assert.equal(connection.state, 'Disconnected');
    assert.equal(connection.starts, 1);
    assert.equal(connection.invocations.length, 1);
    assert.deepEqual(applied, []);
    assert.equal(client.sessionState, null);
    assert.equal(client.lastSeq, 0);
  });
}

test('a failed start is retried, and stop() ends the wait at once', async () => {
  const connection = new FakeConnection();
  connection.startFailures.push(new Error('Failed to fetch'));
  const statuses = [];
  const client = new CaptionsClient({
    sessionId: SESSION, accessTokenFactory: () => 'jwt', signalR: fakeSignalR(connection), onStatus: s => statuses.push(s),
  });
  const running = client.start();
  await settle();
  assert.equal(client.status, 'retrying');
  await client.stop();
  await running;
  assert.equal(connection.starts, 1);
  assert.deepEqual(statuses, ['connecting', 'retrying', 'stopped']);
});

test('SessionState names the state for this session only; a number is mapped to its name', async () => {
  const { connection, states } = startClient();
  await answerWatch(connection, { state: 'issued', lastSeq: 0, updates: [] });
  connection.push('SessionState', { sessionId: 'ses_other', state: 'ended' });
  connection.push('SessionState', { sessionId: SESSION, state: 'live' });
  connection.push('SessionState', { sessionId: SESSION, state: 3 });
  assert.deepEqual(states, ['issued', 'live', 'ended']);
});
