import { PassThrough } from 'node:stream';

/** A stream that keeps what is written to it, as text: a command's stdout or stderr in a test. */
export function collected(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => {
    text += d;
  });
  return { stream, text: () => text };
}
