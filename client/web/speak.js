// The speaker's page, served at /speak: sign in, pick a microphone, start, and see your own captions while the
// RealtimeSpeaker relays them to the session's viewers; "Share" mints a viewer link.
import { RealtimeSpeaker } from './realtime-speaker.js';

const STATUS_LABELS = {
  'signed-out': 'Signed out',
  idle: 'Ready',
  microphone: 'Asking for the microphone…',
  'microphone-denied': 'Microphone blocked',
  'microphone-absent': 'No microphone',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Live, captions reconnecting…',
  'rate-limited': 'Too many sessions',
  failed: 'Call failed',
  ending: 'Ending…',
  ended: 'Ended',
};
const RUNNING = new Set(['microphone', 'connecting', 'live', 'reconnecting']);
const SHAREABLE = new Set(['live', 'reconnecting']);
const ROLE_LABELS = { user: 'You', assistant: 'Assistant' };
const TOKEN_KEY = 'realtime-speaker-token';

const $ = id => document.getElementById(id);
const ui = {
  status: $('status'), message: $('message'), session: $('session'), signIn: $('sign-in'), controls: $('controls'),
  devForm: $('dev-form'), devName: $('dev-name'), jwtForm: $('jwt-form'), jwt: $('jwt'),
  microphone: $('microphone'), type: $('type'), start: $('start'), stop: $('stop'), mute: $('mute'), level: $('level'),
  share: $('share'), shareRow: $('share-row'), shareUrl: $('share-url'), shareNote: $('share-note'),
  captions: $('captions'), empty: $('empty'), audio: $('assistant-audio'),
};
const items = new Map();
let token = readStoredToken();
let speaker = null;
let meter = null;

ui.devForm.addEventListener('submit', event => { event.preventDefault(); signInAsDev(ui.devName.value.trim()); });
ui.jwtForm.addEventListener('submit', event => { event.preventDefault(); signedIn(ui.jwt.value.trim()); });
ui.start.addEventListener('click', start);
ui.stop.addEventListener('click', stop);
ui.mute.addEventListener('click', toggleMute);
ui.share.addEventListener('click', share);
if (token) signedIn(token);

async function signInAsDev(user) {
  showMessage(null);
  try {
    const response = await fetch('/dev/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }),
    });
    if (response.status === 404) {
      showMessage("This server has no development sign-in; paste your app's token instead.");
      return;
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      showMessage(body.detail ?? `Sign-in failed (${response.status}).`);
      return;
    }
    signedIn(body.token);
  } catch (error) {
    showMessage(`Sign-in failed: ${error.message}`);
  }
}

function signedIn(jwt) {
  token = jwt;
  try { sessionStorage.setItem(TOKEN_KEY, jwt); } catch { /* storage off: the page still works until reload */ }
  ui.signIn.hidden = true;
  ui.controls.hidden = false;
  showStatus('idle');
  listMicrophones();
  ui.start.focus();
}

async function listMicrophones() {
  const devices = await navigator.mediaDevices?.enumerateDevices?.().catch(() => []) ?? [];
  const chosen = ui.microphone.value;
  ui.microphone.replaceChildren(new Option('Default microphone', ''));
  devices.filter(d => d.kind === 'audioinput' && d.deviceId && d.deviceId !== 'default').forEach((device, i) => {
    ui.microphone.append(new Option(device.label || `Microphone ${i + 1}`, device.deviceId));
  });
  ui.microphone.value = [...ui.microphone.options].some(o => o.value === chosen) ? chosen : '';
}

async function start() {
  showMessage(null);
  items.clear();
  ui.captions.replaceChildren();
  ui.empty.hidden = false;
  ui.shareRow.hidden = true;
  speaker = new RealtimeSpeaker({
    accessToken: () => token,
    session: { type: ui.type.value },
    deviceId: ui.microphone.value || undefined,
    audioElement: ui.audio,
    onCaption: render,
    onStatus: showStatus,
  });
  try {
    await speaker.start();
  } catch {
    return; // the status and its message already say why
  }
  if (!speaker.sessionId) return;
  ui.session.textContent = speaker.sessionId;
  ui.session.hidden = false;
  startMeter(speaker.stream);
  listMicrophones(); // labels are readable once the microphone is allowed
}

async function stop() {
  ui.stop.disabled = true;
  await speaker?.stop();
}

function toggleMute() {
  const muted = !speaker.muted;
  speaker.mute(muted);
  ui.mute.setAttribute('aria-pressed', String(muted));
  ui.mute.textContent = muted ? 'Unmute' : 'Mute';
}

async function share() {
  ui.share.disabled = true;
  try {
    const { watch_url: url } = await speaker.share();
    ui.shareUrl.value = url;
    ui.shareRow.hidden = false;
    ui.shareNote.textContent = await navigator.clipboard?.writeText(url).then(() => 'Copied.', () => 'Copy the link above.') ?? 'Copy the link above.';
    ui.shareUrl.select();
  } catch (error) {
    showMessage(`Sharing failed: ${error.message}`);
  } finally {
    ui.share.disabled = !SHAREABLE.has(speaker?.status);
  }
}

function showStatus(status, detail) {
  ui.status.dataset.status = status;
  ui.status.querySelector('.label').textContent = STATUS_LABELS[status] ?? status;
  const running = RUNNING.has(status);
  ui.start.disabled = running || status === 'ending' || status === 'signed-out';
  ui.stop.disabled = !running;
  ui.mute.disabled = !running;
  ui.share.disabled = !SHAREABLE.has(status);
  ui.microphone.disabled = running;
  ui.type.disabled = running;
  if (detail?.message) showMessage(detail.message);
  if (!running && status !== 'ending') stopMeter();
}

function showMessage(text) {
  ui.message.hidden = !text;
  ui.message.textContent = text ?? '';
}

function render(caption) {
  let item = items.get(caption.segmentId);
  if (!item) {
    item = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'who';
    const text = document.createElement('div');
    text.className = 'text';
    item.append(who, text);
    item.dataset.segmentId = caption.segmentId;
    items.set(caption.segmentId, item);
    ui.captions.append(item);
    ui.empty.hidden = true;
  }
  item.className = `segment ${caption.role} ${caption.kind}`;
  item.dataset.role = caption.role;
  item.dataset.kind = caption.kind;
  item.querySelector('.who').textContent = ROLE_LABELS[caption.role] ?? caption.role;
  // textContent, never HTML: caption text is whatever the speech model produced.
  item.querySelector('.text').textContent = caption.text;
  item.scrollIntoView({ block: 'nearest' });
}

// The input level: the microphone's RMS over the analyser's window, about 30 times a second.
function startMeter(stream) {
  stopMeter();
  if (!stream || !globalThis.AudioContext) return;
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    ui.level.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
  }, 33);
  meter = { context, timer };
}

function stopMeter() {
  if (!meter) return;
  clearInterval(meter.timer);
  meter.context.close().catch(() => {});
  meter = null;
  ui.level.value = 0;
}

function readStoredToken() {
  try { return sessionStorage.getItem(TOKEN_KEY); } catch { return null; }
}
