import { useEffect, useState } from 'react'

/** The clock, ticking every `ms` while `active` (pending exchanges grow with it). */
export function useNow(active: boolean, ms = 500): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [active, ms])
  return now
}
