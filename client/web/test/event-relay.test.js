// The relay rules (docs/design.md §Client relay rules) against a scripted hub and clock: batching, one Publish at
// a time in order, resend until acknowledged, refusals by code, and the cap on what waits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventRelay } from '../event-relay.js';
import { FakeClock, FakeHub, settle } from './fake-hub.js';

const SESSION = 'ses_relay';
let counter = 0;
const event = (type = 'response.created') => ({ type, event_id: `event_${++counter}` });
const ids = events => events.map(e => e.event_id);

function startRelay(options = {}) {
  const hub = new FakeHub();
  const clock = new FakeClock();
  const seen = { refused: [], stopped: [], dropped: [] };
  const relay = new EventRelay({
    sessionId: SESSION, publish: hub.publish, timers: clock,
    onRefused: (batch, refusal) => seen.refused.push([ids(batch.events), refusal.code]),
    onStopped: refusal => seen.stopped.push(refusal.code),
    onDropped: e => seen.dropped.push(e.event_id),
    ...options,
  });
  return { relay, hub, clock, seen };
}

test('events wait up to the flush interval and go together in one Publish', async () => {
  const { relay, hub, clock } = startRelay();
  const sent = [event(), event(), event()];
  sent.forEach(e => relay.add(e));
  assert.equal(hub.calls.length, 0);
  clock.advance(99);
  assert.equal(hub.calls.length, 0);
  clock.advance(1);
  assert.equal(hub.calls.length, 1);
  assert.equal(hub.last.sessionId, SESSION);
  assert.deepEqual(hub.last.events, sent);
  hub.ack();
  await settle();
  assert.equal(relay.pending, 0);
  assert.equal(relay.lastSeq, 3);
  assert.equal(relay.published, 3);
});

test('a final caption event seals its batch at once, with the deltas before it', async () => {
  const { relay, hub } = startRelay();
  const delta = event('conversation.item.input_audio_transcription.delta');
  relay.add(delta);
  assert.equal(hub.calls.length, 0);
  const final = event('conversation.item.input_audio_transcription.completed');
  relay.add(final);
  assert.equal(hub.calls.length, 1);
  assert.deepEqual(hub.last.events, [delta, final]);
});

test('a full batch goes at once, and only one Publish is ever in flight, oldest batch first', async () => {
  const { relay, hub, clock } = startRelay({ maxBatchSize: 2 });
  const sent = [event(), event(), event(), event(), event()];
  sent.forEach(e => relay.add(e));
  assert.equal(hub.calls.length, 1);
  assert.deepEqual(ids(hub.last.events), ids(sent.slice(0, 2)));
  clock.advance(100);
  assert.equal(hub.calls.length, 1, 'the next batch waits for the answer to the first');
  hub.ack();
  await settle();
  assert.deepEqual(ids(hub.last.events), ids(sent.slice(2, 4)));
  hub.ack();
  await settle();
  assert.deepEqual(ids(hub.last.events), ids(sent.slice(4)));
  hub.ack();
  await settle();
  assert.deepEqual(hub.taken, ids(sent));
});

test('a batch is sealed before it would pass the size bound', async () => {
  const { relay, hub } = startRelay({ maxBatchBytes: 200 });
  const big = { ...event(), transcript: 'x'.repeat(120) };
  const next = { ...event(), transcript: 'y'.repeat(120) };
  relay.add(big);
  relay.add(next);
  assert.equal(hub.calls.length, 1);
  assert.deepEqual(hub.last.events, [big]);
});

test('a failed Publish is sent again after the retry delay, the same batch, until acknowledged', async () => {
  const { relay, hub, clock } = startRelay();
  const sent = [event(), event()];
  sent.forEach(e => relay.add(e));
  clock.advance(100);
  hub.fail();
  await settle();
  clock.advance(999);
  assert.equal(hub.calls.length, 1);
  clock.advance(1);
  assert.equal(hub.calls.length, 2);
  assert.deepEqual(hub.last.events, sent);
  hub.ack();
  await settle();
  assert.equal(relay.pending, 0);
});

test('a reconnect sends the waiting batch at once; a batch the hub took before the drop is not doubled', async () => {
  const { relay, hub, clock } = startRelay();
  const first = [event(), event()];
  first.forEach(e => relay.add(e));
  clock.advance(100);
  hub.takeThenFail();
  await settle();
  const during = event();
  relay.add(during);
  relay.wake();
  assert.equal(hub.calls.length, 2);
  assert.deepEqual(hub.last.events, first, 'the unacknowledged batch goes again, before anything newer');
  hub.ack();
  await settle();
  clock.advance(100);
  hub.ack();
  await settle();
  assert.deepEqual(hub.taken, [...ids(first), during.event_id]);
  assert.equal(relay.published, 3);
});

test('a reconnect that comes while the Publish is still failing retries without waiting out the delay', async () => {
  const { relay, hub, clock } = startRelay();
  relay.add(event());
  clock.advance(100);
  relay.wake();
  hub.fail();
  await settle();
  await settle();
  assert.equal(hub.calls.length, 1);
  clock.advance(0);
  assert.equal(hub.calls.length, 2);
});

test('rate_limited keeps the batch and sends it again after the wait the hub names', async () => {
  const { relay, hub, clock, seen } = startRelay();
  const e = event();
  relay.add(e);
  clock.advance(100);
  hub.refuse('rate_limited', 250);
  await settle();
  clock.advance(249);
  assert.equal(hub.calls.length, 1);
  clock.advance(1);
  assert.deepEqual(hub.last.events, [e]);
  assert.deepEqual(seen.refused, []);
});

test('invalid_events drops that batch, reports it, and goes on with the next', async () => {
  const { relay, hub, clock, seen } = startRelay({ maxBatchSize: 1 });
  const bad = event();
  const good = event();
  relay.add(bad);
  relay.add(good);
  hub.refuse('invalid_events');
  await settle();
  assert.deepEqual(seen.refused, [[[bad.event_id], 'invalid_events']]);
  assert.deepEqual(hub.last.events, [good]);
  hub.ack();
  await settle();
  clock.advance(1000);
  assert.equal(hub.calls.length, 2);
  assert.equal(relay.stoppedBy, null);
});

for (const code of ['session_ended', 'not_owner', 'not_visible']) {
  test(`${code} stops publishing: pending batches are dropped and later events ignored`, async () => {
    const { relay, hub, clock, seen } = startRelay({ maxBatchSize: 1 });
    relay.add(event());
    relay.add(event());
    const flushed = relay.flush();
    hub.refuse(code);
    await flushed;
    assert.deepEqual(seen.stopped, [code]);
    assert.equal(relay.stoppedBy.code, code);
    assert.equal(relay.pending, 0);
    relay.add(event());
    clock.advance(5000);
    assert.equal(hub.calls.length, 1);
  });
}

test('flush seals the open batch and resolves once everything is acknowledged', async () => {
  const { relay, hub } = startRelay();
  relay.add(event());
  let flushed = false;
  const flushing = relay.flush().then(() => { flushed = true; });
  assert.equal(hub.calls.length, 1);
  await settle();
  assert.equal(flushed, false);
  hub.ack();
  await flushing;
  assert.equal(relay.pending, 0);
  await relay.flush();
});

test('offline for long, the cap drops the oldest deltas first, then the oldest other event, never one of the batch in flight', async () => {
  const { relay, hub, clock, seen } = startRelay({ maxBatchSize: 2, maxPendingEvents: 4 });
  const inFlight = [event('response.output_audio_transcript.delta'), event()];
  inFlight.forEach(e => relay.add(e));
  const waiting = [event('response.output_audio_transcript.delta'), event(), event('conversation.item.input_audio_transcription.delta')];
  waiting.forEach(e => relay.add(e));
  assert.deepEqual(seen.dropped, [waiting[0].event_id], 'five waiting, one over: the oldest delta not in flight');
  const others = [event()];
  others.forEach(e => relay.add(e));
  assert.deepEqual(seen.dropped, [waiting[0].event_id, waiting[2].event_id]);
  assert.equal(relay.pending, 4);
  assert.equal(relay.dropped, 2);

  hub.ack();
  await settle();
  clock.advance(100);
  while (relay.pending > 0) {
    hub.ack();
    await settle();
    clock.advance(100);
  }
  assert.deepEqual(hub.taken, ids([...inFlight, waiting[1], ...others]));
});

test('with no delta left, the cap drops the oldest waiting event', async () => {
  const { relay, seen } = startRelay({ maxBatchSize: 1, maxPendingEvents: 2 });
  const sent = [event(), event(), event()];
  sent.forEach(e => relay.add(e));
  assert.deepEqual(seen.dropped, [sent[1].event_id]);
  assert.equal(relay.pending, 2);
});

test('close forgets what waits and resolves a pending flush', async () => {
  const { relay, hub } = startRelay();
  relay.add(event());
  const flushing = relay.flush();
  relay.close();
  await flushing;
  assert.equal(relay.pending, 0);
  assert.equal(relay.stoppedBy.code, 'closed');
  assert.equal(hub.calls.length, 1);
});
