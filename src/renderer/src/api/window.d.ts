// `window.roundtrip`: present only inside the Electron window, exposed by the preload.
import type { RoundtripPreloadApi } from '../../../shared/api/contract'

declare global {
  interface Window {
    /** Present only inside the Electron window (exposed by the preload). */
    roundtrip?: RoundtripPreloadApi
  }
}
