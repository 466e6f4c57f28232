// jsdom lays nothing out: give elements a size so the virtualised timeline renders its rows.
// Call once at the top of a component test file; it restores the real properties afterwards.
import { afterAll, beforeAll } from 'vitest'

export function giveElementsASize(sizes = { clientWidth: 1000, clientHeight: 600 }): void {
  const saved = new Map<string, PropertyDescriptor | undefined>()
  beforeAll(() => {
    for (const [name, value] of Object.entries(sizes)) {
      saved.set(name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name))
      Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value })
    }
  })
  afterAll(() => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(HTMLElement.prototype, name, descriptor)
      else delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name]
    }
  })
}
