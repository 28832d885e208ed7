/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";
import type { Server as SocketServer } from "socket.io";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** The socket.io server on the same HTTP server; loaders and actions publish through it. */
    io?: SocketServer;
    /** The client's address (from a trusted proxy on this machine, if any), for rate limits. */
    clientAddress?: string;
    /** Nonce for inline scripts under the Content-Security-Policy. */
    cspNonce?: string;
  }
}
