// A stand-in for the @microsoft/signalr namespace: one scripted HubConnection whose every move the test makes.

export class FakeConnection {
  state = 'Disconnected';
  handlers = new Map();
  closed = [];
  reconnecting = [];
  reconnected = [];
  /** Every invoke, oldest first: { method, args, resolve, reject }. */
  invocations = [];
  starts = 0;
  /** Errors the next start() calls throw, in order; an empty queue means start() succeeds. */
  startFailures = [];

  async start() {
    this.starts++;
    const failure = this.startFailures.shift();
    if (failure) throw failure;
    this.state = 'Connected';
  }

  async stop() {
    const wasConnected = this.state !== 'Disconnected';
    this.state = 'Disconnected';
    if (wasConnected) this.closed.forEach(callback => callback());
  }

  on(name, handler) { this.handlers.set(name, handler); }
  onclose(callback) { this.closed.push(callback); }
  onreconnecting(callback) { this.reconnecting.push(callback); }
  onreconnected(callback) { this.reconnected.push(callback); }

  invoke(method, ...args) {
    return new Promise((resolve, reject) => this.invocations.push({ method, args, resolve, reject }));
  }

  // What the server and the network do:
  push(name, argument) { this.handlers.get(name)(argument); }
  drop() { this.state = 'Reconnecting'; this.reconnecting.forEach(callback => callback(new Error('socket lost'))); }
  reconnect() { this.state = 'Connected'; this.reconnected.forEach(callback => callback('new-id')); }
  close() { this.state = 'Disconnected'; this.closed.forEach(callback => callback(new Error('gave up'))); }
}

export function fakeSignalR(connection) {
  class HubConnectionBuilder {
    withUrl() { return this; }
    withAutomaticReconnect() { return this; }
    configureLogging() { return this; }
    build() { return connection; }
  }
  return { HubConnectionBuilder, LogLevel: { Warning: 3 } };
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise(resolve => setTimeout(resolve, 0));
