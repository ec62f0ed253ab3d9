// Bundled with esbuild at test time into the page that OpenAIAgentsSdkTests opens in Chromium: OpenAI's Agents SDK,
// unmodified, on its WebRTC transport. It records every server event and every error the SDK reports.
import { OpenAIRealtimeWebRTC, RealtimeAgent, RealtimeSession } from '@openai/agents-realtime';

const seen = [];
const errors = [];
let session;
let transport;

function waitFor(predicate, what, ms = 15000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const found = seen.find(predicate);
      if (found) return resolve(found);
      if (Date.now() - started > ms) return reject(new Error(`no ${what} within ${ms} ms; saw ${seen.map(e => e.type).join(', ')}; errors ${JSON.stringify(errors)}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

// A silent microphone from WebAudio, so no device prompt is involved.
function silentMicrophone() {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  const gain = context.createGain();
  gain.gain.value = 0;
  const oscillator = context.createOscillator();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream;
}

window.connectAgent = async ({ value, callsUrl }) => {
  transport = new OpenAIRealtimeWebRTC({ mediaStream: silentMicrophone(), audioElement: document.createElement('audio') });
  const agent = new RealtimeAgent({ name: 'Emulated assistant', instructions: 'Answer in one short sentence.' });
  session = new RealtimeSession(agent, {
    transport,
    model: 'gpt-realtime',
    config: { parallelToolCalls: false, outputModalities: ['text'] },
  });
  session.on('transport_event', event => seen.push(event));
  session.on('error', event => errors.push(String(event?.error?.message ?? event?.error ?? event)));
  await session.connect({ apiKey: value, url: callsUrl });
  const updated = await waitFor(e => e.type === 'session.updated' && e.session?.parallel_tool_calls === false, 'session.updated with parallel_tool_calls');
  return { callId: transport.callId, status: transport.status, session: updated.session };
};

window.talk = async (text) => {
  session.sendMessage(text);
  const done = await waitFor(e => e.type === 'response.done', 'response.done');
  const reply = seen.find(e => e.type === 'response.output_text.done');
  session.interrupt();
  await waitFor(e => e.type === 'output_audio_buffer.cleared', 'output_audio_buffer.cleared');
  return { status: done.response.status, reply: reply?.text ?? null, usage: done.response.usage };
};

window.sawEvent = (type) => waitFor(e => e.type === type && !e.__claimed, type).then(e => { e.__claimed = true; return e; });
window.report = () => ({ errors, types: seen.map(e => e.type), errorEvents: seen.filter(e => e.type === 'error') });
window.hangUp = () => session.close();
