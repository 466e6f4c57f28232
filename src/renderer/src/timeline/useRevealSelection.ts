// When the selection changes from elsewhere (a lesson's proof, the start screen's latest requests), the
// timeline scrolls so the selected bar is in view: its row vertically, its time horizontally. A bar
// already in view stays where it is.
import { useLayoutEffect, useRef, type RefObject } from 'react'
import type { Virtualizer } from '@tanstack/react-virtual'
import type { CapturedExchange } from '../../../shared/model'
import { LABEL_WIDTH, toX, type Scale } from './geometry'
import type { RowItem } from './TimelineRow'

export function useRevealSelection(opts: {
  scrollRef: RefObject<HTMLDivElement | null>
  /** Scrolls the view horizontally (as the program, not the user). */
  scrollLeftTo: (left: number) => void
  selected: CapturedExchange | undefined
  items: RowItem[]
  scale: Scale
  virtualizer: Virtualizer<HTMLDivElement, Element>
}): void {
  const { scrollRef, scrollLeftTo, selected, items, scale, virtualizer } = opts
  const revealed = useRef<string | undefined>(undefined)
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el || !selected || revealed.current === selected.id) return
    revealed.current = selected.id
    const index = items.findIndex((item) =>
      item.kind === 'lane' ? item.lane.id === selected.clientConnectionId : item.exchange.id === selected.id
    )
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' })
    const x = LABEL_WIDTH + toX(scale, selected.startedAt)
    if (x < el.scrollLeft + LABEL_WIDTH || x > el.scrollLeft + el.clientWidth - 40) {
      scrollLeftTo(Math.max(0, x - LABEL_WIDTH - (el.clientWidth - LABEL_WIDTH) / 3))
    }
  }, [scrollRef, scrollLeftTo, selected, items, scale, virtualizer])
}
