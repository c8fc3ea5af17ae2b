import WebSocket from 'ws';

export interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** A raw client of the browser host's bridge: one call, one envelope, in the order sent. */
export async function connectBridge(origin: string, token: string) {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge?token=${token}`, { origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, (e: Envelope) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { id?: number; envelope?: Envelope };
    if (typeof m.id === 'number' && m.envelope) waiting.get(m.id)?.(m.envelope);
  });
  return {
    call(channel: string, input: unknown = {}): Promise<Envelope> {
      const id = next++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, channel, input }));
      });
    },
    close: () => ws.close(),
  };
}
