import type { NextcallBridge } from '../../../shared/bridge.ts';
import type { Transport } from './client.ts';

export function bridgeTransport(bridge: NextcallBridge): Transport {
  return {
    invoke: (method, input) => bridge.methods[method](input),
    on: (event, listener) => bridge.on(event, listener),
  };
}
