// The viewer page: renders one session's captions from CaptionsClient. Served at /watch/{id}?token=….
import { CaptionsClient } from './captions-client.js';

const STATUS_LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  retrying: 'Offline, retrying…',
  unauthorized: 'Link not valid',
  refused: 'Refused',
  stopped: 'Stopped',
};
const STATE_LABELS = {
  none: 'Unknown session',
  issued: 'Waiting for the speaker',
  live: 'Live',
  ended: 'Session ended',
  expired: 'Session expired',
};
const WAITING_TEXT = 'Waiting for the first caption…';
const ROLE_LABELS = { user: 'Speaker', assistant: 'Assistant' };
// Within this many pixels of the bottom counts as "at the bottom": keep following new captions.
const FOLLOW_SLACK_PX = 48;

const scroller = document.getElementById('history');
const list = document.getElementById('captions');
const empty = document.getElementById('empty');
const jump = document.getElementById('jump');
const connection = document.getElementById('connection');
const sessionState = document.getElementById('session-state');
const items = new Map();
let following = true;

const sessionId = sessionIdFromPath(location.pathname);
const token = takeToken(sessionId);

scroller.addEventListener('scroll', () => {
  following = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= FOLLOW_SLACK_PX;
  if (following) jump.hidden = true;
});
jump.addEventListener('click', () => {
  following = true;
  jump.hidden = true;
  scroller.scrollTop = scroller.scrollHeight;
});

if (!sessionId) {
  showStatus('unauthorized', 'This address names no session.');
} else if (!token) {
  showStatus('unauthorized', 'This link has no viewer token; ask for a new link.');
} else {
  const client = new CaptionsClient({
    sessionId,
    accessTokenFactory: () => token,
    onCaption: render,
    onSessionState: showSessionState,
    onStatus: showStatus,
  });
  client.start();
}

function render(update) {
  let item = items.get(update.segmentId);
  if (!item) {
    item = createItem(update.segmentId, update.itemId);
    items.set(update.segmentId, item);
    list.append(item);
    empty.hidden = true;
  }
  place(item, update.previousItemId);
  const role = update.role === 'assistant' ? 'assistant' : 'user';
  item.className = `segment ${role} ${update.kind}`;
  item.dataset.role = role;
  item.dataset.kind = update.kind;
  item.dataset.seq = String(update.seq);
  // A diarized segment names its speaker; any other shows its role.
  item.querySelector('.who-name').textContent = update.speaker || ROLE_LABELS[role];
  if (update.speaker) item.dataset.speaker = update.speaker;
  // textContent, never HTML: caption text is whatever the speech model produced.
  item.querySelector('.text').textContent = update.text;
  if (following) scroller.scrollTop = scroller.scrollHeight;
  else jump.hidden = false;
}

// A user turn's transcription may finish after the reply to it: previousItemId (from OpenAI's committed event,
// '' when the turn opens the conversation) puts it right after that item, next to its own item's other segments.
function place(item, previousItemId) {
  if (previousItemId == null || item.dataset.previousItemId === previousItemId) return;
  item.dataset.previousItemId = previousItemId;
  const siblings = [...list.children].filter(li => li !== item && li.dataset.itemId === item.dataset.itemId);
  const anchors = siblings.length ? siblings : [...list.children].filter(li => li.dataset.itemId === previousItemId);
  if (anchors.length) anchors[anchors.length - 1].after(item);
  else if (previousItemId === '') list.prepend(item);
}

function createItem(segmentId, itemId) {
  const item = document.createElement('li');
  item.dataset.segmentId = segmentId;
  if (itemId) item.dataset.itemId = itemId;
  const who = document.createElement('span');
  who.className = 'who';
  const name = document.createElement('span');
  name.className = 'who-name';
  const flag = document.createElement('span');
  flag.className = 'flag';
  flag.textContent = '(transcription failed)';
  who.append(name, flag);
  const text = document.createElement('div');
  text.className = 'text';
  item.append(who, text);
  return item;
}

function showStatus(status, detail) {
  connection.dataset.status = status;
  connection.querySelector('.label').textContent = STATUS_LABELS[status] ?? status;
  connection.title = detail ?? '';
  // Until the first caption, the empty history is where a viewer looks: say why nothing shows.
  if (items.size === 0) empty.textContent = detail ?? WAITING_TEXT;
}

function showSessionState(state) {
  sessionState.dataset.state = state;
  sessionState.textContent = STATE_LABELS[state] ?? state;
}

function sessionIdFromPath(path) {
  const match = /\/watch\/([^/]+)\/?$/.exec(path);
  return match ? decodeURIComponent(match[1]) : null;
}

// The token comes in the link's ?token=. It is taken out of the address bar at once, so a projected or
// screen-shared page never shows it, and kept in this tab's sessionStorage so a reload still works.
function takeToken(id) {
  if (!id) return null;
  const key = `realtime-viewer-token:${id}`;
  const url = new URL(location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink) {
    try { sessionStorage.setItem(key, fromLink); } catch { /* storage disabled: the link still worked once */ }
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromLink;
  }
  try { return sessionStorage.getItem(key); } catch { return null; }
}
