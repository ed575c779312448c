import type { z } from 'zod';

/** A method of the contract: the schema its input must pass and the type it returns. */
export interface MethodSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** The largest request the web host accepts for this method. */
  maxBytes: number;
  /** Type-only: never set at run time. */
  output?: Output;
}

/** The largest request a method that takes no file accepts. */
export const SMALL_REQUEST = 1024 * 1024;

/** `method<Output>()(inputSchema, maxBytes?)`: the output is a type argument, the input a schema. */
export const method =
  <Output>() =>
  <Input extends z.ZodType>(input: Input, maxBytes = SMALL_REQUEST): MethodSpec<Input, Output> => ({ input, maxBytes });
