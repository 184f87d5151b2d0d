// What every route handler receives.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './state.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  state: EmulatorState;
  /** The emulator's origin as this client reached it (Host header), for self-links. */
  selfOrigin: string;
}
