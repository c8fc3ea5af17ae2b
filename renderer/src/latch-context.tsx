import { createContext, useContext } from 'react';
import type { LatchApi } from '../../preload/api';

export const LatchContext = createContext<LatchApi | null>(null);

export function useLatch(): LatchApi {
  const api = useContext(LatchContext);
  if (api === null) throw new Error('useLatch outside LatchContext');
  return api;
}
