// `--passthrough GLOB[,GLOB]`: hosts whose tunnels are never intercepted (pinned apps, banking).
// `*` matches within one label (`*.bank.example`), `**` across labels; matching ignores case.

export function parseGlobs(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((g) => g.trim().toLowerCase())
    .filter(Boolean)
}

function globToRegExp(glob: string): RegExp {
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*'
      i++
    } else if (c === '*') out += '[^.]*'
    else if (c === '?') out += '[^.]'
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${out}$`, 'i')
}

export class PassthroughList {
  private globs: { text: string; re: RegExp }[] = []

  constructor(globs: string[] = []) {
    for (const g of globs) this.add(g)
  }

  add(glob: string): void {
    const text = glob.trim().toLowerCase()
    if (!text || this.globs.some((g) => g.text === text)) return
    this.globs.push({ text, re: globToRegExp(text) })
  }

  list(): string[] {
    return this.globs.map((g) => g.text)
  }

  matches(host: string): boolean {
    const h = host.replace(/^\[|\]$/g, '').replace(/\.$/, '')
    return this.globs.some((g) => g.re.test(h))
  }
}
