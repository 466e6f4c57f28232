// The main view: a time axis, one lane per client connection (or chronological rows), virtualised
// so long captures stay smooth; ctrl+wheel zooms around the pointer, dragging pans, and "follow"
// keeps the newest traffic in view.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { t } from '../i18n'
import { useRoundtrip } from '../store'
import { explain, isExplanation, say } from '../../../shared/analysis/explain'
import {
  connectionSourceOf,
  filteredExchanges,
  hasPending,
  lanes,
  selectedExchange,
  timeRange
} from '../store/selectors'
import { MAX_PX_PER_MS } from '../store/ui-slice'
import {
  autoScale,
  clampPxPerMs,
  END_ROOM_PX,
  fitScale,
  LABEL_WIDTH,
  padFor,
  READABLE_PX_PER_MS,
  ROW_HEIGHT,
  rowHeight,
  toTime,
  type Scale
} from './geometry'
import { TimeAxis } from './TimeAxis'
import { RowLabel, RowTrack, type RowItem } from './TimelineRow'
import { PlaybackBar } from './PlaybackBar'
import { TimelineToolbar } from './TimelineToolbar'
import { DistrustNotice } from '../components/DistrustNotice'
import { useNow } from './useNow'
import { useRevealSelection } from './useRevealSelection'

const itemKey = (item: RowItem): string => (item.kind === 'lane' ? item.lane.id : item.exchange.id)

/** An HTTP/2 lane is as tall as the streams it had in flight together; every other row is one row. */
const itemHeight = (item: RowItem | undefined): number =>
  item?.kind === 'lane' && item.lane.kind === 'connection' ? rowHeight(item.lane.streams?.count) : ROW_HEIGHT

const rowStyle = (start: number, size: number): React.CSSProperties =>
  size === ROW_HEIGHT
    ? { transform: `translateY(${start}px)` }
    : { transform: `translateY(${start}px)`, height: size }

/** The horizontal view, kept as the same object while it is unchanged (vertical scrolling re-renders nothing). */
function updateView(
  setView: React.Dispatch<React.SetStateAction<{ left: number; width: number }>>,
  el: HTMLElement
): void {
  const left = el.scrollLeft
  const width = el.clientWidth
  setView((v) => (v.left === left && v.width === width ? v : { left, width }))
}

export function Timeline(): React.JSX.Element {
  const lang = useRoundtrip((s) => s.lang)
  const viewMode = useRoundtrip((s) => s.viewMode)
  const live = useRoundtrip((s) => s.source.kind === 'live')
  const pending = useRoundtrip(hasPending)
  const now = useNow(live && pending)
  const range = useRoundtrip(timeRange)
  const rows = useRoundtrip(filteredExchanges)
  const total = useRoundtrip((s) => s.exchangeOrder.length)
  // A file that does not say which connection carried what gets no lanes: rows, and a sentence saying why.
  const connSource = useRoundtrip(connectionSourceOf)
  const note = useRoundtrip((s) => s.connectionInfo?.note)
  const laneList = useRoundtrip((s) =>
    s.viewMode === 'lanes' && connSource !== 'none' ? lanes(s) : undefined
  )
  const selectedId = useRoundtrip((s) => s.selectedExchangeId)
  const selectExchange = useRoundtrip((s) => s.selectExchange)
  const wantedPxPerMs = useRoundtrip((s) => s.pxPerMs)
  const autoFit = useRoundtrip((s) => s.autoFit)
  const zoom = useRoundtrip((s) => s.zoom)
  const setPxPerMs = useRoundtrip((s) => s.setPxPerMs)
  const setAutoScale = useRoundtrip((s) => s.setAutoScale)
  const setAutoFit = useRoundtrip((s) => s.setAutoFit)
  const follow = useRoundtrip((s) => s.follow)
  const playhead = useRoundtrip((s) => s.playhead)
  const setFollow = useRoundtrip((s) => s.setFollow)

  const items: RowItem[] = useMemo(
    () =>
      laneList
        ? laneList.map((lane) => ({ kind: 'lane', lane }))
        : rows.map((exchange) => ({ kind: 'exchange', exchange })),
    [laneList, rows]
  )

  const first = range?.start ?? now
  const last = Math.max(range?.end ?? now, pending ? now : 0)
  const pad = padFor(last - first)
  const origin = first - pad
  const drawnEnd = last + pad
  const scrollRef = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ left: 0, width: 1000 })
  // Live, until the user zooms: fit while the span fits, then a readable scale that "follow" scrolls.
  const auto = live && autoFit && range !== undefined
  const autoPxPerMs = Math.min(MAX_PX_PER_MS, autoScale(drawnEnd - origin, view.width))
  const pxPerMs = clampPxPerMs(auto ? autoPxPerMs : wantedPxPerMs, drawnEnd - origin)
  const end = drawnEnd + END_ROOM_PX / pxPerMs
  const scale: Scale = useMemo(() => ({ origin, pxPerMs }), [origin, pxPerMs])
  const trackWidth = (end - origin) * pxPerMs
  // The store keeps the scale shown, so a zoom starts from what the user sees.
  useLayoutEffect(() => {
    if (auto && autoPxPerMs !== wantedPxPerMs) setAutoScale(autoPxPerMs)
  }, [auto, autoPxPerMs, wantedPxPerMs, setAutoScale])
  const programmatic = useRef(false)
  const zoomAnchor = useRef<{ time: number; offset: number } | undefined>(undefined)

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us itself
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => itemHeight(items[i]),
    overscan: 6
  })

  // HTTP/2 lanes change height as streams arrive: sizes are measured again with the rows.
  useLayoutEffect(() => virtualizer.measure(), [items, virtualizer])

  const onScroll = useCallback(() => {
    const el = scrollRef.current
    if (!el) return
    updateView(setView, el)
    if (programmatic.current) {
      programmatic.current = false
      return
    }
    const atEnd = el.scrollLeft + el.clientWidth >= el.scrollWidth - 40
    if (!atEnd && follow) setFollow(false)
  }, [follow, setFollow])

  // Follow the end while recording.
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el || !follow) return
    const left = Math.max(0, el.scrollWidth - el.clientWidth)
    // Newest rows and newest connections are at the bottom in both views.
    const top = Math.max(0, el.scrollHeight - el.clientHeight)
    if (Math.abs(el.scrollLeft - left) > 1 || Math.abs(el.scrollTop - top) > 1) {
      programmatic.current = true
      el.scrollTo({ left, top })
    }
  }, [follow, trackWidth, items.length, viewMode, virtualizer])

  // Keep the time under the pointer in place after a zoom.
  useLayoutEffect(() => {
    const el = scrollRef.current
    const anchor = zoomAnchor.current
    if (!el || !anchor) return
    zoomAnchor.current = undefined
    programmatic.current = true
    el.scrollLeft = (anchor.time - scale.origin) * scale.pxPerMs + LABEL_WIDTH - anchor.offset
  }, [scale])

  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    const onWheel = (e: WheelEvent): void => {
      if (!e.ctrlKey && !e.metaKey) return
      e.preventDefault()
      // Zooming at the pointer means looking there: "follow" lets go instead of pulling the view away.
      const offset = e.clientX - el.getBoundingClientRect().left
      zoomAnchor.current = { time: toTime(scale, el.scrollLeft + offset - LABEL_WIDTH), offset }
      setFollow(false)
      zoom(e.deltaY < 0 ? 1.25 : 0.8)
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    const observer =
      typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => updateView(setView, el))
    observer?.observe(el)
    return () => {
      el.removeEventListener('wheel', onWheel)
      observer?.disconnect()
    }
  }, [scale, zoom, setFollow])

  // The toolbar's −/+ keep the middle of the view in place (or, following, the newest traffic).
  const zoomBy = useCallback(
    (factor: number): void => {
      const el = scrollRef.current
      if (el && !follow) {
        const offset = LABEL_WIDTH + (el.clientWidth - LABEL_WIDTH) / 2
        zoomAnchor.current = { time: toTime(scale, el.scrollLeft + offset - LABEL_WIDTH), offset }
      }
      zoom(factor)
    },
    [follow, scale, zoom]
  )

  const drag = useRef<{ x: number; y: number; left: number; top: number } | undefined>(undefined)
  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>): void => {
    const el = scrollRef.current
    if (!el || e.button !== 0 || (e.target as HTMLElement).closest('button, .row-label')) return
    drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop }
    el.setPointerCapture?.(e.pointerId)
  }
  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>): void => {
    const el = scrollRef.current
    const d = drag.current
    if (!el || !d) return
    el.scrollLeft = d.left - (e.clientX - d.x)
    el.scrollTop = d.top - (e.clientY - d.y)
  }
  const onPointerUp = (): void => {
    drag.current = undefined
  }

  const selected = useRoundtrip(selectedExchange)
  const scrollLeftTo = useCallback((left: number) => {
    const el = scrollRef.current
    if (!el) return
    programmatic.current = true
    el.scrollLeft = left
  }, [])
  useRevealSelection({ scrollRef, scrollLeftTo, selected, items, scale, virtualizer })

  // ↑/↓ move the selection through the (filtered) exchanges; Escape clears it.
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') return selectExchange(undefined)
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    const at = rows.findIndex((x) => x.id === selectedId)
    const next = rows[Math.max(0, Math.min(rows.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))]
    if (!next) return
    selectExchange(next.id)
    setFollow(false)
    const index = laneList ? laneList.findIndex((l) => l.id === next.clientConnectionId) : rows.indexOf(next)
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
  }

  const fitPxPerMs = fitScale(drawnEnd - origin, view.width)
  // Live, Fit hands the scale back to the timeline while the span fits readably; otherwise it is a zoom.
  const fit = useCallback((): void => {
    if (live && fitPxPerMs >= READABLE_PX_PER_MS) {
      setAutoFit(true)
      setAutoScale(fitPxPerMs)
    } else setPxPerMs(fitPxPerMs)
  }, [live, fitPxPerMs, setAutoFit, setAutoScale, setPxPerMs])
  // An opened recording starts fitted to the window, from its beginning; back to live, the live view
  // picks its own scale again.
  const source = useRoundtrip((s) => s.source)
  const fitted = useRef<unknown>(undefined)
  useEffect(() => {
    if (fitted.current === source) return
    const previous = fitted.current as typeof source | undefined
    fitted.current = source
    if (source.kind === 'file') {
      setFollow(false)
      setPxPerMs(fitPxPerMs)
    } else if (previous?.kind === 'file') setAutoFit(true)
  }, [source, fitPxPerMs, setFollow, setPxPerMs, setAutoFit])

  const from = toTime(scale, view.left - LABEL_WIDTH)
  const to = toTime(scale, view.left + view.width)
  const rowNow = pending ? now : 0
  const virtual = virtualizer.getVirtualItems().flatMap((v) => {
    const item = items[v.index]
    return item ? [{ item, start: v.start, size: v.size }] : []
  })

  return (
    <section className="timeline" aria-label={t(lang, 'nav.timeline')}>
      <TimelineToolbar shown={rows.length} total={total} onFit={fit} onZoom={zoomBy} />
      <DistrustNotice />
      <PlaybackBar />
      {connSource !== 'recorded' && total > 0 && (
        <p
          className={`connection-source source-${connSource}`}
          data-testid="connection-source"
          title={note && isExplanation(note) ? say(lang, note) : undefined}
        >
          {say(lang, explain(connSource === 'none' ? 'conn.label.none' : 'conn.label.inferred'))}
          {note && isExplanation(note) ? <span className="muted"> — {say(lang, note)}</span> : null}
        </p>
      )}
      {total === 0 ? (
        <p className="empty">{t(lang, 'timeline.empty')}</p>
      ) : items.length === 0 ? (
        <p className="empty">{t(lang, 'timeline.noMatch')}</p>
      ) : null}
      <div
        ref={scrollRef}
        className="tl-scroll"
        data-testid="timeline-scroll"
        onScroll={onScroll}
        onKeyDown={onKeyDown}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        <TimeAxis scale={scale} width={trackWidth} scrollLeft={view.left} viewport={view.width} />
        <div
          className="tl-body"
          style={{ height: virtualizer.getTotalSize(), width: trackWidth + LABEL_WIDTH }}
        >
          {playhead !== undefined && (
            <div
              className="playhead"
              style={{ left: LABEL_WIDTH + (playhead - scale.origin) * scale.pxPerMs }}
            />
          )}
          <div className="tl-tracks" style={{ width: trackWidth }}>
            {virtual.map(({ item, start, size }) => (
              <div key={itemKey(item)} className="tl-row" style={rowStyle(start, size)}>
                <RowTrack
                  item={item}
                  scale={scale}
                  from={from}
                  to={to}
                  now={rowNow}
                  trackWidth={trackWidth}
                  selectedId={selectedId}
                  lang={lang}
                  onSelect={selectExchange}
                />
              </div>
            ))}
          </div>
          {/* One sticky column for every label: a sticky element per row made each row a layer of its own. */}
          <div className="tl-labels">
            {virtual.map(({ item, start, size }) => (
              <div key={itemKey(item)} className="tl-row" style={rowStyle(start, size)}>
                <RowLabel item={item} selectedId={selectedId} lang={lang} onSelect={selectExchange} />
              </div>
            ))}
          </div>
        </div>
      </div>
    </section>
  )
}
