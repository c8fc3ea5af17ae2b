import type { z } from 'zod';

/**
 * One request/response channel: its input schema and output schema, and whether it needs a user
 * gesture. The error codes a channel may answer with are documented per namespace in
 * docs/errors.md; they are not listed per channel, because a hand-written list is never checked
 * and went wrong (vault.unlock's omitted four codes it throws).
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /**
   * The call must follow a click or key press of the user (the client checks the frame's
   * user activation before sending): a script on its own cannot make it.
   */
  gesture: boolean;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  gesture?: boolean;
}): ChannelSpec<I, O> {
  return { input: spec.input, output: spec.output, gesture: spec.gesture ?? false };
}
