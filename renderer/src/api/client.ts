import type { InputOf, MethodName, OutputOf } from '../../../shared/api.ts';
import type { ApiEvents, EventName } from '../../../shared/events.ts';
import { ApiError } from '../../../shared/api-error.ts';
import type { Envelope } from '../../../shared/bridge.ts';

/** How the console reaches main: the preload bridge inside Electron, HTTP in a browser. */
export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** The renderer's one way to main, typed from the contract. */
export interface ApiClient {
  call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>>;
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw ApiError.fromFailure(result.error);
      return result.value as OutputOf<typeof method>;
    },
    on: (event, listener) => transport.on(event, listener),
  };
}
