/**
 * The Content-Security-Policy nonce of the page being rendered. Only the server render needs it
 * (its inline scripts must carry it); in the browser the scripts already ran, so it is undefined.
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce() {
  return useContext(NonceContext);
}
