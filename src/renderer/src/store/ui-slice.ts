// Selection, filters and how the timeline is drawn.
import type { Lang } from '../i18n'
import { detectLang } from '../i18n'
import type { ConnectionState, RoundtripInfo } from '../api/client'
import type { SliceCreator } from './types'

export interface Filters {
  host: string
  method: string
  /** `200`, `4xx`, `error` or `pending`; empty for any. */
  status: string
  cookieName: string
  sessionId: string
  search: string
}

export const emptyFilters: Filters = {
  host: '',
  method: '',
  status: '',
  cookieName: '',
  sessionId: '',
  search: ''
}

export type ViewMode = 'lanes' | 'rows'
export type Page = 'start' | 'timeline' | 'sessions' | 'learn'

export interface UiSlice {
  page: Page
  selectedExchangeId: string | undefined
  selectedSessionId: string | undefined
  filters: Filters
  /** Leave out what the browser sends on its own (exchanges and tunnels marked browserInternal). */
  hideBrowserInternal: boolean
  viewMode: ViewMode
  /** Timeline scale. */
  pxPerMs: number
  /**
   * The live timeline picks its own scale (fit while the span fits, then a readable one) until the
   * user zooms; from then on their zoom stands and "follow" only scrolls.
   */
  autoFit: boolean
  /** Keep the newest traffic in view while recording. */
  follow: boolean
  lang: Lang
  /** Where the engine listens (from the client's info()). */
  info: RoundtripInfo | undefined
  link: ConnectionState
  /** A sentence about the last thing that went wrong, shown until dismissed. */
  message: string | undefined
  setPage: (page: Page) => void
  selectExchange: (id: string | undefined) => void
  /** Opens the timeline at this exchange (selected, follow off), or just the timeline without an id. */
  showOnTimeline: (id?: string) => void
  selectSession: (id: string | undefined) => void
  setFilter: (name: keyof Filters, value: string) => void
  clearFilters: () => void
  setHideBrowserInternal: (hide: boolean) => void
  setViewMode: (mode: ViewMode) => void
  zoom: (factor: number) => void
  setPxPerMs: (pxPerMs: number) => void
  /** The scale the live timeline chose for itself (ignored once the user has zoomed). */
  setAutoScale: (pxPerMs: number) => void
  setAutoFit: (autoFit: boolean) => void
  setFollow: (follow: boolean) => void
  setLang: (lang: Lang) => void
  setInfo: (info: RoundtripInfo) => void
  setLink: (link: ConnectionState) => void
  setMessage: (message: string | undefined) => void
}

export const MIN_PX_PER_MS = 0.0005
export const MAX_PX_PER_MS = 20

const clampScale = (pxPerMs: number): number => Math.min(MAX_PX_PER_MS, Math.max(MIN_PX_PER_MS, pxPerMs))

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  page: 'start',
  selectedExchangeId: undefined,
  selectedSessionId: undefined,
  filters: emptyFilters,
  hideBrowserInternal: false,
  viewMode: 'lanes',
  pxPerMs: 0.5,
  autoFit: true,
  follow: true,
  lang: detectLang(),
  info: undefined,
  link: 'connecting',
  message: undefined,
  setPage: (page) => set({ page }),
  selectExchange: (selectedExchangeId) => set({ selectedExchangeId }),
  showOnTimeline: (id) =>
    set(
      id === undefined ? { page: 'timeline' } : { page: 'timeline', selectedExchangeId: id, follow: false }
    ),
  selectSession: (selectedSessionId) => set({ selectedSessionId }),
  setFilter: (name, value) => set((s) => ({ filters: { ...s.filters, [name]: value } })),
  clearFilters: () => set({ filters: emptyFilters }),
  setHideBrowserInternal: (hideBrowserInternal) => set({ hideBrowserInternal }),
  setViewMode: (viewMode) => set({ viewMode }),
  zoom: (factor) => set((s) => ({ pxPerMs: clampScale(s.pxPerMs * factor), autoFit: false })),
  setPxPerMs: (pxPerMs) => set({ pxPerMs: clampScale(pxPerMs), autoFit: false }),
  setAutoScale: (pxPerMs) => set((s) => (s.autoFit ? { pxPerMs: clampScale(pxPerMs) } : {})),
  setAutoFit: (autoFit) => set({ autoFit }),
  setFollow: (follow) => set({ follow }),
  setLang: (lang) => set({ lang }),
  setInfo: (info) => set({ info }),
  setLink: (link) => set({ link }),
  setMessage: (message) => set({ message })
})
