import type { z } from 'zod';
import type { ErrorCode } from '../main/core/model/errors';

/** One request/response channel: its input schema, output schema and the error codes it may return. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  errors: readonly ErrorCode[];
  /**
   * The call must follow a click or key press of the user (the client checks the frame's
   * user activation before sending): a script on its own cannot make it.
   */
  gesture: boolean;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  errors?: readonly ErrorCode[];
  gesture?: boolean;
}): ChannelSpec<I, O> {
  return { input: spec.input, output: spec.output, errors: spec.errors ?? [], gesture: spec.gesture ?? false };
}
