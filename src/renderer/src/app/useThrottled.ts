import { useEffect, useRef, useState } from 'react'

/** `value`, updated at most once every `ms` (heavy views follow a busy live capture at a walk). */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value)
  const last = useRef(0)
  useEffect(() => {
    const wait = last.current + ms - Date.now()
    const timer = setTimeout(
      () => {
        last.current = Date.now()
        setShown(value)
      },
      Math.max(0, wait)
    )
    return () => clearTimeout(timer)
  }, [value, ms])
  return shown
}
