// Hands the client down to components that call it directly (the start screen's browser buttons).
import { createContext, useContext } from 'react'
import type { RoundtripClient } from '../api/client'

export const ClientContext = createContext<RoundtripClient | undefined>(undefined)

export function useClient(): RoundtripClient | undefined {
  return useContext(ClientContext)
}
